package dev.vigil.report.alerts;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The alert table: the consumer records alerts here, the sender delivers from here, the API lists it. */
@ApplicationScoped
public class AlertStore {
    private final EntityManager em;

    public AlertStore(EntityManager em) {
        this.em = em;
    }

    /**
     * Records an alert unless one with the same key exists: idempotent, so a redelivered status event is harmless
     * (and cannot fail the consumer's transaction on the unique key).
     *
     * @return whether a row was inserted
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean insert(String controlId, AlertRules.NewAlert alert, String payload, Instant now) {
        return em.createNativeQuery("""
                        INSERT INTO {h-schema}alert (alert_key, control_id, transition, event_at, payload, state,
                                                     attempts, next_attempt_at, last_error, created_at)
                        VALUES (:key, :control, :transition, :eventAt, CAST(:payload AS jsonb), :state, 0, :due, :note, :now)
                        ON CONFLICT (alert_key) DO NOTHING""")
                .setParameter("key", alert.key())
                .setParameter("control", controlId)
                .setParameter("transition", alert.transition().name())
                .setParameter("eventAt", alert.eventAt())
                .setParameter("payload", payload)
                .setParameter("state", alert.state().name())
                .setParameter("due", alert.dueAt())
                .setParameter("note", alert.note())
                .setParameter("now", now)
                .executeUpdate() == 1;
    }

    /**
     * The control's alerts that are PENDING and were never tried, locked: the sender cannot take one while the
     * consumer decides to call it off (and a row the sender holds is waited for, then re-read).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<AlertRow> lockUnsent(String controlId) {
        return AlertRow.<AlertRow>find("controlId = ?1 and state = ?2 and attempts = 0", controlId, AlertState.PENDING)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }

    /**
     * The next due PENDING alert, locked for the caller's transaction; alerts another sender holds are skipped, so
     * two instances of the service never post the same alert at once. An alert is not due while an older alert of
     * its control (a lower id: the consumer records a control's alerts one event after the other) is still PENDING,
     * held, being retried or being posted by another sender right now: a control's alerts reach Slack in the order
     * of its transitions, each only once the one before is SENT or given up. Other controls' alerts go meanwhile.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<AlertRow> claimDue(Instant now) {
        List<?> ids = em.createNativeQuery("""
                        SELECT a.id FROM {h-schema}alert a
                        WHERE a.state = 'PENDING' AND a.next_attempt_at <= :now
                          AND NOT EXISTS (SELECT 1 FROM {h-schema}alert older
                                          WHERE older.control_id = a.control_id AND older.state = 'PENDING'
                                            AND older.id < a.id)
                        ORDER BY a.next_attempt_at, a.id
                        LIMIT 1
                        FOR UPDATE OF a SKIP LOCKED""")
                .setParameter("now", now)
                .getResultList();
        return ids.stream().findFirst().map(id -> em.find(AlertRow.class, ((Number) id).longValue()));
    }

    /**
     * When the sender should look next: the earliest time a PENDING alert may be claimed by the rule of
     * {@link #claimDue} (its own next attempt, not before; an alert waiting behind an older one of its control does
     * not count, the older one's time does). Empty when nothing is pending.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Instant> nextClaimableAt() {
        Object at = em.createNativeQuery("""
                        SELECT min(a.next_attempt_at) FROM {h-schema}alert a
                        WHERE a.state = 'PENDING'
                          AND NOT EXISTS (SELECT 1 FROM {h-schema}alert older
                                          WHERE older.control_id = a.control_id AND older.state = 'PENDING'
                                            AND older.id < a.id)""", Instant.class)
                .getSingleResult();
        return Optional.ofNullable((Instant) at);
    }

    /**
     * What the delivery backlog is made of: every PENDING alert, and the alerts that FAILED (were last tried) since
     * {@code failedSince}. Without their payloads, which the backlog does not need.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<UndeliveredAlert> undelivered(Instant failedSince) {
        return em.createQuery("""
                        SELECT new dev.vigil.report.alerts.UndeliveredAlert(a.id, a.controlId, a.state, a.attempts,
                               a.createdAt, a.nextAttemptAt, a.lastAttemptAt, a.lastError)
                        FROM AlertRow a
                        WHERE a.state = :pending OR (a.state = :failed AND a.lastAttemptAt >= :since)""",
                        UndeliveredAlert.class)
                .setParameter("pending", AlertState.PENDING)
                .setParameter("failed", AlertState.FAILED)
                .setParameter("since", failedSince)
                .getResultList();
    }

    /** The Slack delivery backlog as it stands at {@code now}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public DeliveryBacklog backlog(Instant now) {
        return DeliveryBacklog.of(undelivered(now.minus(DeliveryBacklog.FAILED_WITHIN)), now);
    }

    /** One page of the history, newest first, with the number of alerts that match. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public AlertPage list(String controlId, AlertState state, int limit, int offset) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters p = new Parameters();
        if (controlId != null) {
            query.append(" and controlId = :control");
            p = p.and("control", controlId);
        }
        if (state != null) {
            query.append(" and state = :state");
            p = p.and("state", state);
        }
        PanacheQuery<AlertRow> q = AlertRow.find(query.toString(), Sort.descending("createdAt", "id"), p);
        long total = q.count();
        // range, not page: an offset need not be a multiple of the limit.
        return new AlertPage(total, q.range(offset, offset + limit - 1).list());
    }

    public record AlertPage(long total, List<AlertRow> rows) {
    }
}
