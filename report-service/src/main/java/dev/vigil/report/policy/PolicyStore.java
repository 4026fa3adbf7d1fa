package dev.vigil.report.policy;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.vigil.common.store.JsonColumns;
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
 * The policies in PostgreSQL (migration V13): each policy as it stands and every revision of it, the versions, their
 * approvals and the acknowledgements, the last four append-only. Thin: it reads and writes rows, and the caller's
 * transaction holds them together.
 */
@ApplicationScoped
public class PolicyStore {
    private static final TypeReference<List<String>> CONTROLS = new TypeReference<>() {
    };
    private static final String POLICY = "policy_id, revision, title, owner, controls::text, changed_by, changed_at";
    private static final String VERSION = "v.policy_id, v.version, v.document_sha256, v.effective_date, v.recorded_by,"
            + " v.recorded_at, a.approved_by, a.approved_at FROM {h-schema}policy_version v LEFT JOIN"
            + " {h-schema}policy_approval a ON a.policy_id = v.policy_id AND a.version = v.version";
    private static final String ACK = "policy_id, version, person, acknowledged_at, recorded_by, recorded_at, via"
            + " FROM {h-schema}policy_acknowledgement";

    private final EntityManager em;

    public PolicyStore(EntityManager em) {
        this.em = em;
    }

    /** The policy as it stands, locked until the transaction ends so two changes get consecutive revisions. */
    public Optional<Policy> policyForUpdate(String policyId) {
        return policies("SELECT " + POLICY + " FROM {h-schema}policy WHERE policy_id = ?1 FOR UPDATE", policyId)
                .stream().findFirst();
    }

    public Optional<Policy> policy(String policyId) {
        return policies("SELECT " + POLICY + " FROM {h-schema}policy WHERE policy_id = ?1", policyId).stream()
                .findFirst();
    }

    public List<Policy> policies() {
        return policies("SELECT " + POLICY + " FROM {h-schema}policy ORDER BY policy_id");
    }

    public List<Policy> revisions(String policyId) {
        return policies("SELECT " + POLICY + " FROM {h-schema}policy_history WHERE policy_id = ?1 ORDER BY revision",
                policyId);
    }

    /** Records a revision: appended to the history, and made the policy as it stands. */
    public void record(Policy p) {
        String controls = JsonColumns.write(p.controls());
        // the policy first: its history refers to it
        for (String sql : List.of("""
                INSERT INTO {h-schema}policy (policy_id, revision, title, owner, controls, changed_by, changed_at)
                VALUES (?1, ?2, ?3, ?4, CAST(?5 AS jsonb), ?6, ?7)
                ON CONFLICT (policy_id) DO UPDATE SET revision = EXCLUDED.revision, title = EXCLUDED.title,
                    owner = EXCLUDED.owner, controls = EXCLUDED.controls, changed_by = EXCLUDED.changed_by,
                    changed_at = EXCLUDED.changed_at""", """
                INSERT INTO {h-schema}policy_history (policy_id, revision, title, owner, controls, changed_by, changed_at)
                VALUES (?1, ?2, ?3, ?4, CAST(?5 AS jsonb), ?6, ?7)""")) {
            em.createNativeQuery(sql).setParameter(1, p.policyId()).setParameter(2, p.revision())
                    .setParameter(3, p.title()).setParameter(4, p.owner()).setParameter(5, controls)
                    .setParameter(6, p.changedBy()).setParameter(7, Timestamp.from(p.changedAt())).executeUpdate();
        }
    }

    /** Every version of the policy, oldest first, with its approval if it has one. */
    @SuppressWarnings("unchecked")
    public List<PolicyVersion> versions(String policyId) {
        List<Object[]> rows = em.createNativeQuery("SELECT " + VERSION + " WHERE v.policy_id = ?1 ORDER BY v.version")
                .setParameter(1, policyId).getResultList();
        return rows.stream().map(r -> new PolicyVersion((String) r[0], ((Number) r[1]).intValue(), (String) r[2],
                date(r[3]), (String) r[4], instant(r[5]), (String) r[6], r[7] == null ? null : instant(r[7])))
                .toList();
    }

    public void recordVersion(PolicyVersion v) {
        em.createNativeQuery("""
                        INSERT INTO {h-schema}policy_version (policy_id, version, document_sha256, effective_date,
                                                              recorded_by, recorded_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6)""")
                .setParameter(1, v.policyId()).setParameter(2, v.version()).setParameter(3, v.documentSha256())
                .setParameter(4, Date.valueOf(v.effectiveDate())).setParameter(5, v.recordedBy())
                .setParameter(6, Timestamp.from(v.recordedAt())).executeUpdate();
    }

    public void recordApproval(String policyId, int version, String approvedBy, Instant approvedAt) {
        em.createNativeQuery("""
                        INSERT INTO {h-schema}policy_approval (policy_id, version, approved_by, approved_at)
                        VALUES (?1, ?2, ?3, ?4)""")
                .setParameter(1, policyId).setParameter(2, version).setParameter(3, approvedBy)
                .setParameter(4, Timestamp.from(approvedAt)).executeUpdate();
    }

    public List<Acknowledgement> acknowledgements(String policyId) {
        return acks("SELECT " + ACK + " WHERE policy_id = ?1 ORDER BY version, person", policyId);
    }

    public List<Acknowledgement> everyAcknowledgement() {
        return acks("SELECT " + ACK + " ORDER BY policy_id, version, person");
    }

    /** @return false when the person had already acknowledged that version (the first acknowledgement stands) */
    public boolean recordAcknowledgement(Acknowledgement a) {
        return em.createNativeQuery("""
                        INSERT INTO {h-schema}policy_acknowledgement (policy_id, version, person, acknowledged_at,
                                                                      recorded_by, recorded_at, via)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING""")
                .setParameter(1, a.policyId()).setParameter(2, a.version()).setParameter(3, a.person())
                .setParameter(4, Timestamp.from(a.acknowledgedAt())).setParameter(5, a.recordedBy())
                .setParameter(6, Timestamp.from(a.recordedAt())).setParameter(7, a.via()).executeUpdate() == 1;
    }

    @SuppressWarnings("unchecked")
    private List<Policy> policies(String sql, Object... parameters) {
        var query = em.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return ((List<Object[]>) query.getResultList()).stream().map(r -> new Policy((String) r[0],
                ((Number) r[1]).intValue(), (String) r[2], (String) r[3], JsonColumns.read((String) r[4], CONTROLS),
                (String) r[5], instant(r[6]))).toList();
    }

    @SuppressWarnings("unchecked")
    private List<Acknowledgement> acks(String sql, Object... parameters) {
        var query = em.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return ((List<Object[]>) query.getResultList()).stream().map(r -> new Acknowledgement((String) r[0],
                ((Number) r[1]).intValue(), (String) r[2], instant(r[3]), (String) r[4], instant(r[5]),
                (String) r[6])).toList();
    }

    private static LocalDate date(Object value) {
        return value instanceof LocalDate d ? d : ((Date) value).toLocalDate();
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
