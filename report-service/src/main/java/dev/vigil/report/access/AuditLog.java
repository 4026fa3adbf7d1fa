package dev.vigil.report.access;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

/**
 * The audit log (table audit_log): every upload, every bundle download, every grant, every request, approval and
 * rejection of a risk acceptance or scoping decision (and of their revocations), and every replay of dead letters,
 * with who, when and the sha256 of what moved. Each entry is written in its own transaction, so it stays even when
 * the caller's work fails later.
 */
@ApplicationScoped
public class AuditLog {
    /** What happened; the names an auditor reads. */
    public enum Action {
        EVIDENCE_UPLOADED, DOCUMENT_DOWNLOADED, BUNDLE_DOWNLOADED, PERIOD_GRANTED, GRANT_REVOKED,
        RISK_ACCEPTANCE_REQUESTED, RISK_ACCEPTANCE_APPROVED, RISK_ACCEPTANCE_REJECTED,
        SCOPING_DECISION_REQUESTED, SCOPING_DECISION_APPROVED, SCOPING_DECISION_REJECTED,
        REVOCATION_REQUESTED, REVOCATION_APPROVED, REVOCATION_REJECTED,
        DEAD_LETTERS_REPLAYED, REGISTER_ITEM_RECORDED, REGISTER_IMPORTED, REVIEW_CAMPAIGN_OPENED, REVIEW_DECISION_RECORDED,
        DOCUMENTS_GENERATED,
        POLICY_RECORDED, POLICY_VERSION_RECORDED, POLICY_VERSION_APPROVED, POLICY_ACKNOWLEDGED,
        POLICY_ACKNOWLEDGEMENTS_IMPORTED
    }

    public record Entry(long id, Instant at, String principal, String roles, String action, String target,
                        String sha256, String detail) {
    }

    private final EntityManager em;
    private final Clock clock;

    public AuditLog(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    public void record(SecurityIdentity who, Action action, String target, String sha256, String detail) {
        String roles = String.join(",", new TreeSet<>(who.getRoles()));
        String principal = who.isAnonymous() ? "anonymous" : who.getPrincipal().getName();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("INSERT INTO {h-schema}audit_log (at, principal, roles, "
                        + "action, target, sha256, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                .setParameter(1, Timestamp.from(clock.instant())).setParameter(2, principal).setParameter(3, roles)
                .setParameter(4, action.name()).setParameter(5, target).setParameter(6, sha256)
                .setParameter(7, detail).executeUpdate());
    }

    /** Newest first. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Entry> entries(int limit, int offset) {
        return ((List<Tuple>) em.createNativeQuery("SELECT entry_id, at, principal, roles, action, target, sha256, "
                        + "detail FROM {h-schema}audit_log ORDER BY entry_id DESC LIMIT ?1 OFFSET ?2", Tuple.class)
                .setParameter(1, limit).setParameter(2, offset).getResultList()).stream()
                .map(t -> new Entry(((Number) t.get(0)).longValue(), GrantStore.instant(t.get(1)),
                        t.get(2, String.class), t.get(3, String.class), t.get(4, String.class), t.get(5, String.class),
                        t.get(6, String.class), t.get(7, String.class)))
                .toList();
    }
}
