package dev.vigil.report.deadletters;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which dead letters were replayed (table dead_letter_replay, one row per dead letter id): what makes replaying
 * twice change nothing.
 */
@ApplicationScoped
public class ReplayLog {
    private static final String COLUMNS = "dead_letter_id, replayed_at, replayed_by, target_topic, target_partition, "
            + "target_offset";

    private final EntityManager em;

    public ReplayLog(EntityManager em) {
        this.em = em;
    }

    /**
     * Holds the dead letter until the caller's transaction ends: a second replay of it, from another request or
     * replica, waits here and then finds the first one's row, so it cannot publish the record again.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lock(DeadLetterId id) {
        em.createNativeQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext(?1))) AS locked")
                .setParameter(1, "report.dead_letter_replay:" + id).getSingleResult();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Replay r) {
        em.createNativeQuery("INSERT INTO {h-schema}dead_letter_replay (" + COLUMNS
                        + ") VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                .setParameter(1, r.deadLetterId()).setParameter(2, Timestamp.from(r.replayedAt()))
                .setParameter(3, r.replayedBy()).setParameter(4, r.targetTopic()).setParameter(5, r.targetPartition())
                .setParameter(6, r.targetOffset()).executeUpdate();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Replay> find(DeadLetterId id) {
        return read(List.of(id.toString())).stream().findFirst();
    }

    /** The replays among these dead letter ids, by id. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, Replay> find(Collection<String> ids) {
        return ids.isEmpty() ? Map.of()
                : read(ids).stream().collect(Collectors.toMap(Replay::deadLetterId, Function.identity()));
    }

    @SuppressWarnings("unchecked")
    private List<Replay> read(Collection<String> ids) {
        return ((List<Tuple>) em.createNativeQuery("SELECT " + COLUMNS + " FROM {h-schema}dead_letter_replay "
                        + "WHERE dead_letter_id IN (:ids)", Tuple.class).setParameter("ids", ids).getResultList())
                .stream().map(t -> new Replay(t.get(0, String.class), instant(t.get(1)), t.get(2, String.class),
                        t.get(3, String.class), ((Number) t.get(4)).intValue(), ((Number) t.get(5)).longValue()))
                .toList();
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp ts) {
            return ts.toInstant();
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        throw new IllegalStateException("unexpected time column type " + value.getClass());
    }
}
