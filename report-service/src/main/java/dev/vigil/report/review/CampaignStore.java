package dev.vigil.report.review;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The campaigns in PostgreSQL (migration V14): where each campaign and item stand, and the append-only decisions and
 * versions. Thin: it reads and writes rows, and the caller's transaction holds them together.
 */
@ApplicationScoped
public class CampaignStore {
    private static final String CAMPAIGN = "campaign_id, control_id, opened_on, due_on, completed_on, opened_by, "
            + "opened_at, version, document_sha256, superseded_by";
    private static final String ITEM = "campaign_id, item_id, access_key, system, account, person, privilege, "
            + "resource_key, evidence_id, reviewer, reviewer_basis, state, decided_by, decided_at, comment, confirmed_at";

    private final EntityManager em;

    public CampaignStore(EntityManager em) {
        this.em = em;
    }

    public record Campaign(String campaignId, String controlId, LocalDate openedOn, LocalDate dueOn,
                           LocalDate completedOn, String openedBy, Instant openedAt, int version, String documentSha256,
                           String supersededBy) {
        public CampaignWindow window() {
            return new CampaignWindow(openedOn, dueOn);
        }
    }

    public record Item(String campaignId, int itemId, String accessKey, String system, String account, String person,
                       String privilege, String resourceKey, String evidenceId, String reviewer, String reviewerBasis,
                       ItemState state, String decidedBy, Instant decidedAt, String comment, Instant confirmedAt)
            implements ReviewRules.Item {
    }

    public record DecisionRow(int itemId, String decision, String decidedBy, Instant decidedAt, String comment) {
    }

    public void insert(Campaign c) {
        // nullable values go in as text cast in SQL: a null parameter carries no type PostgreSQL could infer
        em.createNativeQuery("INSERT INTO {h-schema}review_campaign (" + CAMPAIGN + ") VALUES (?1, ?2, ?3, ?4, "
                        + "CAST(CAST(?5 AS text) AS date), ?6, ?7, ?8, ?9, CAST(?10 AS text))")
                .setParameter(1, c.campaignId()).setParameter(2, c.controlId()).setParameter(3, Date.valueOf(c.openedOn()))
                .setParameter(4, Date.valueOf(c.dueOn())).setParameter(5, text(c.completedOn()))
                .setParameter(6, c.openedBy()).setParameter(7, Timestamp.from(c.openedAt())).setParameter(8, c.version())
                .setParameter(9, c.documentSha256()).setParameter(10, c.supersededBy()).executeUpdate();
    }

    public void insert(Item i) {
        em.createNativeQuery("INSERT INTO {h-schema}review_item (" + ITEM + ") VALUES (?1, ?2, ?3, ?4, "
                        + "CAST(?5 AS text), CAST(?6 AS text), ?7, ?8, "
                        + "CAST(?9 AS text), ?10, ?11, ?12, NULL, NULL, NULL, NULL)")
                .setParameter(1, i.campaignId()).setParameter(2, i.itemId()).setParameter(3, i.accessKey())
                .setParameter(4, i.system()).setParameter(5, i.account()).setParameter(6, i.person())
                .setParameter(7, i.privilege()).setParameter(8, i.resourceKey()).setParameter(9, i.evidenceId())
                .setParameter(10, i.reviewer()).setParameter(11, i.reviewerBasis()).setParameter(12, i.state().column())
                .executeUpdate();
    }

    /** A decision as it now stands on the item, and appended to the decisions. */
    public void decide(Item item, String decision, String who, Instant at, String comment, ItemState state) {
        em.createNativeQuery("INSERT INTO {h-schema}review_decision (campaign_id, item_id, decision, decided_by, "
                        + "decided_at, comment) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                .setParameter(1, item.campaignId()).setParameter(2, item.itemId()).setParameter(3, decision)
                .setParameter(4, who).setParameter(5, Timestamp.from(at)).setParameter(6, comment).executeUpdate();
        if (state == ItemState.REVOKED_CONFIRMED) {
            em.createNativeQuery("UPDATE {h-schema}review_item SET state = ?3, confirmed_at = ?4 WHERE campaign_id = ?1 "
                            + "AND item_id = ?2")
                    .setParameter(1, item.campaignId()).setParameter(2, item.itemId()).setParameter(3, state.column())
                    .setParameter(4, Timestamp.from(at)).executeUpdate();
        } else {
            em.createNativeQuery("UPDATE {h-schema}review_item SET state = ?3, decided_by = ?4, decided_at = ?5, "
                            + "comment = ?6 WHERE campaign_id = ?1 AND item_id = ?2")
                    .setParameter(1, item.campaignId()).setParameter(2, item.itemId()).setParameter(3, state.column())
                    .setParameter(4, who).setParameter(5, Timestamp.from(at)).setParameter(6, comment).executeUpdate();
        }
    }

    /** A new version of the campaign: its document, and whether it completed with it. */
    public void recordVersion(Campaign c, String change, String who, Instant at) {
        em.createNativeQuery("INSERT INTO {h-schema}review_campaign_version (campaign_id, version, change, recorded_by, "
                        + "recorded_at, document_sha256) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                .setParameter(1, c.campaignId()).setParameter(2, c.version()).setParameter(3, change)
                .setParameter(4, who).setParameter(5, Timestamp.from(at)).setParameter(6, c.documentSha256())
                .executeUpdate();
        em.createNativeQuery("UPDATE {h-schema}review_campaign SET version = ?2, document_sha256 = ?3, "
                        + "completed_on = CAST(CAST(?4 AS text) AS date) WHERE campaign_id = ?1")
                .setParameter(1, c.campaignId()).setParameter(2, c.version()).setParameter(3, c.documentSha256())
                .setParameter(4, text(c.completedOn())).executeUpdate();
    }

    /** Earlier campaigns of the control that a completed one supersedes; answers their ids. */
    @SuppressWarnings("unchecked")
    public List<String> supersedeEarlier(Campaign completed) {
        List<String> earlier = em.createNativeQuery("SELECT campaign_id FROM {h-schema}review_campaign WHERE "
                        + "control_id = ?1 AND campaign_id <> ?2 AND opened_at < ?3 AND superseded_by IS NULL")
                .setParameter(1, completed.controlId()).setParameter(2, completed.campaignId())
                .setParameter(3, Timestamp.from(completed.openedAt())).getResultList();
        for (String id : earlier) {
            em.createNativeQuery("UPDATE {h-schema}review_campaign SET superseded_by = ?1 WHERE campaign_id = ?2")
                    .setParameter(1, completed.campaignId()).setParameter(2, id).executeUpdate();
        }
        return earlier;
    }

    public Optional<Campaign> campaign(String campaignId, boolean forUpdate) {
        return select("WHERE campaign_id = ?1" + (forUpdate ? " FOR UPDATE" : ""), campaignId).stream().findFirst();
    }

    public List<Campaign> campaigns(String controlId) {
        return controlId == null ? select("ORDER BY opened_at DESC")
                : select("WHERE control_id = ?1 ORDER BY opened_at DESC", controlId);
    }

    /** Campaigns with a revoke waiting for a collection to confirm it. */
    public List<Campaign> awaitingConfirmation() {
        return select("WHERE completed_on IS NULL AND EXISTS (SELECT 1 FROM {h-schema}review_item i WHERE "
                + "i.campaign_id = review_campaign.campaign_id AND i.state = 'revoke-requested') ORDER BY opened_at");
    }

    public List<Item> items(String campaignId) {
        return selectItems("WHERE campaign_id = ?1 ORDER BY item_id", campaignId);
    }

    /** The items a reviewer has to decide or may still change, in campaigns not completed. */
    public List<Item> itemsOf(String reviewer) {
        return selectItems("WHERE lower(reviewer) = lower(?1) AND state IN ('pending', 'kept', 'revoke-requested') AND "
                + "campaign_id IN (SELECT campaign_id FROM {h-schema}review_campaign WHERE completed_on IS NULL) "
                + "ORDER BY campaign_id, item_id", reviewer);
    }

    @SuppressWarnings("unchecked")
    public List<DecisionRow> decisions(String campaignId) {
        List<Object[]> rows = em.createNativeQuery("SELECT item_id, decision, decided_by, decided_at, comment FROM "
                        + "{h-schema}review_decision WHERE campaign_id = ?1 ORDER BY id")
                .setParameter(1, campaignId).getResultList();
        return rows.stream().map(r -> new DecisionRow(((Number) r[0]).intValue(), (String) r[1], (String) r[2],
                instant(r[3]), (String) r[4])).toList();
    }

    /**
     * The campaigns a clause selects. Not an overload of {@link #campaigns(String)}: a call with the clause alone would
     * resolve to that one and select the campaigns of a control named like the clause, which is none.
     */
    @SuppressWarnings("unchecked")
    private List<Campaign> select(String where, Object... parameters) {
        var query = em.createNativeQuery("SELECT " + CAMPAIGN + " FROM {h-schema}review_campaign " + where);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return ((List<Object[]>) query.getResultList()).stream().map(r -> new Campaign((String) r[0], (String) r[1],
                date(r[2]), date(r[3]), date(r[4]), (String) r[5], instant(r[6]), ((Number) r[7]).intValue(),
                (String) r[8], (String) r[9])).toList();
    }

    @SuppressWarnings("unchecked")
    private List<Item> selectItems(String where, Object... parameters) {
        var query = em.createNativeQuery("SELECT " + ITEM + " FROM {h-schema}review_item " + where);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return ((List<Object[]>) query.getResultList()).stream().map(r -> new Item((String) r[0],
                ((Number) r[1]).intValue(), (String) r[2], (String) r[3], (String) r[4], (String) r[5], (String) r[6],
                (String) r[7], (String) r[8], (String) r[9], (String) r[10], ItemState.ofColumn((String) r[11]),
                (String) r[12], instant(r[13]), (String) r[14], instant(r[15]))).toList();
    }

    private static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }

    private static LocalDate date(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof LocalDate d ? d : ((Date) value).toLocalDate();
    }

    private static Instant instant(Object value) {
        if (value == null || value instanceof Instant) {
            return (Instant) value;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
