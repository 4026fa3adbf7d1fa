package dev.vigil.report.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Auditors' period grants (table auditor_grant). */
@ApplicationScoped
public class GrantStore {
    private static final String COLUMNS = "grant_id, principal, period_from, period_to, granted_by, granted_at, "
            + "revoked_at, revoked_by";

    private final EntityManager em;

    public GrantStore(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public PeriodGrant grant(String principal, Instant from, Instant to, String grantedBy, Instant at) {
        PeriodGrant g = new PeriodGrant(UUID.randomUUID().toString(), principal, from, to, grantedBy, at, null, null);
        em.createNativeQuery("INSERT INTO {h-schema}auditor_grant (" + COLUMNS + ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL, NULL)")
                .setParameter(1, g.grantId()).setParameter(2, principal).setParameter(3, Timestamp.from(from))
                .setParameter(4, Timestamp.from(to)).setParameter(5, grantedBy).setParameter(6, Timestamp.from(at))
                .executeUpdate();
        return g;
    }

    @Transactional
    public Optional<PeriodGrant> revoke(String grantId, String revokedBy, Instant at) {
        em.createNativeQuery("UPDATE {h-schema}auditor_grant SET revoked_at = ?1, revoked_by = ?2 WHERE grant_id = ?3 "
                        + "AND revoked_at IS NULL")
                .setParameter(1, Timestamp.from(at)).setParameter(2, revokedBy).setParameter(3, grantId).executeUpdate();
        return read("WHERE grant_id = ?1", grantId).stream().findFirst();
    }

    /** Every grant (active and revoked) of one principal, or of everyone when null. */
    @Transactional
    public List<PeriodGrant> grants(String principal) {
        return principal == null ? read("ORDER BY granted_at", null)
                : read("WHERE principal = ?1 ORDER BY granted_at", principal);
    }

    @SuppressWarnings("unchecked")
    private List<PeriodGrant> read(String where, String param) {
        var query = em.createNativeQuery("SELECT " + COLUMNS + " FROM {h-schema}auditor_grant " + where, Tuple.class);
        if (param != null) {
            query.setParameter(1, param);
        }
        return ((List<Tuple>) query.getResultList()).stream().map(t -> new PeriodGrant(t.get(0, String.class),
                t.get(1, String.class), instant(t.get(2)), instant(t.get(3)), t.get(4, String.class),
                instant(t.get(5)), instant(t.get(6)), t.get(7, String.class))).toList();
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp ts) {
            return ts.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        throw new IllegalStateException("unexpected time column type " + value.getClass());
    }
}
