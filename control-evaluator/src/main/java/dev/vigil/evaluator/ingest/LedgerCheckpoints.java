package dev.vigil.evaluator.ingest;

import dev.vigil.access.EventSigning;
import dev.vigil.common.ledger.LedgerCheckpoint;
import dev.vigil.common.signing.EventSigner;
import dev.vigil.evaluator.evaluation.EvaluatorClock;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Signed checkpoints of the ledger's chains ({@link LedgerCheckpoint}): every {@code vigil.ledger.checkpoint-interval}
 * the committed head of every chain, chained to the checkpoint before and signed with the key the evaluator signs
 * its status events with. Several instances share one checkpoint chain: making one is serialised by an advisory
 * lock (it appends to no evidence chain, so ingestion never waits for it), and an instance that finds the heads
 * already checkpointed adds nothing.
 */
@ApplicationScoped
public class LedgerCheckpoints {
    private static final Logger LOG = Logger.getLogger(LedgerCheckpoints.class);
    /** Two-int advisory lock key space of the ledger (controls use 1, see {@link Locks}). */
    static final int LEDGER_LOCKS = 2;

    @Inject
    EntityManager em;
    @Inject
    EvidenceLedger ledger;
    @Inject
    EvaluatorClock clock;
    @Inject
    EventSigning signing;

    @Scheduled(every = "${vigil.ledger.checkpoint-interval:5m}", delayed = "${vigil.ledger.checkpoint-interval:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            checkpoint().ifPresent(c -> LOG.debugf("ledger checkpoint %d over %d chain(s)", c.seq(), c.heads().size()));
        } catch (RuntimeException e) {
            LOG.warnf("no ledger checkpoint this time, the next interval tries again: %s", e.getMessage());
        }
    }

    /** Makes a checkpoint of the heads now, unless the last one already holds them; the checkpoint made, if any. */
    @Transactional
    public Optional<LedgerCheckpoint> checkpoint() {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(?1, 0)").setParameter(1, LEDGER_LOCKS).getSingleResult();
        List<LedgerCheckpoint.Head> heads = EvidenceLedger.checkpointHeads(ledger.heads());
        LedgerCheckpoint last = last();
        if (heads.isEmpty() || last != null && last.heads().equals(heads)) {
            return Optional.empty();
        }
        EventSigner signer = signing.signer().orElse(null);
        LedgerCheckpoint next = LedgerCheckpoint.next(last, heads, clock.now(), signer);
        em.unwrap(Session.class).doWork(db -> {
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO ledger_checkpoint (seq, created_at, "
                    + "heads, prev_hash, key_id, hash, signature) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setLong(1, next.seq());
                insert.setTimestamp(2, Timestamp.from(next.createdAt()));
                insert.setString(3, next.headLines());
                insert.setString(4, next.prevHash());
                insert.setString(5, next.keyId());
                insert.setString(6, next.hash());
                insert.setString(7, next.signature());
                insert.executeUpdate();
            }
        });
        return Optional.of(next);
    }

    /** The newest checkpoint, or null. */
    public LedgerCheckpoint last() {
        List<LedgerCheckpoint> last = read("ORDER BY seq DESC LIMIT 1", q -> { });
        return last.isEmpty() ? null : last.get(0);
    }

    /** Every checkpoint from {@code fromSeq}, in order, at most {@code limit}. */
    public List<LedgerCheckpoint> from(long fromSeq, int limit) {
        return read("WHERE seq >= ? ORDER BY seq LIMIT ?", q -> {
            q.setLong(1, fromSeq);
            q.setInt(2, limit);
        });
    }

    /**
     * The checkpoints a period's ledger needs: the last one made before {@code from} (the period's chains hang from
     * its heads) and every one made in [from, to), in order.
     */
    public List<LedgerCheckpoint> forPeriod(Instant from, Instant to) {
        return read("WHERE seq >= COALESCE((SELECT max(seq) FROM ledger_checkpoint WHERE created_at < ?), 1) "
                + "AND created_at < ? ORDER BY seq", q -> {
            q.setTimestamp(1, Timestamp.from(from));
            q.setTimestamp(2, Timestamp.from(to));
        });
    }

    private interface Binder {
        void bind(PreparedStatement q) throws SQLException;
    }

    private List<LedgerCheckpoint> read(String where, Binder binder) {
        return em.unwrap(Session.class).doReturningWork(db -> {
            List<LedgerCheckpoint> out = new ArrayList<>();
            try (PreparedStatement q = db.prepareStatement("SELECT seq, created_at, heads, prev_hash, key_id, hash, "
                    + "signature FROM ledger_checkpoint " + where)) {
                binder.bind(q);
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        out.add(new LedgerCheckpoint(r.getLong(1), r.getTimestamp(2).toInstant(),
                                LedgerCheckpoint.parseHeads(r.getString(3)), r.getString(4), r.getString(5),
                                r.getString(6), r.getString(7)));
                    }
                }
            }
            return out;
        });
    }
}
