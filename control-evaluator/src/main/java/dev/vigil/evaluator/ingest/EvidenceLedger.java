package dev.vigil.evaluator.ingest;

import dev.vigil.common.ledger.LedgerChain;
import dev.vigil.common.ledger.LedgerEntry;
import dev.vigil.common.ledger.LedgerRecord;
import dev.vigil.evaluator.evaluation.EvaluatorClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends evidence versions to the ledger, a hash chain ({@link LedgerChain}), in the transaction that records
 * them. One chain for the whole evaluator: appends are serialised by a transaction-scoped advisory lock, so the
 * chain never forks even with several evaluator instances.
 */
@ApplicationScoped
public class EvidenceLedger {
    private static final Logger LOG = Logger.getLogger(EvidenceLedger.class);
    private static final String LOCK = "vigil.evidence-ledger";

    @Inject
    EntityManager em;
    @Inject
    EvaluatorClock clock;

    /** Call inside the transaction that inserted these versions; their order is their order in the chain. */
    public List<LedgerRecord> append(Connection db, List<LedgerEntry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement lock = db.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, LOCK);
            lock.execute();
        }
        long lastSeq = 0;
        String lastHash = LedgerRecord.GENESIS_HASH;
        try (PreparedStatement last = db.prepareStatement(
                "SELECT seq, hash FROM evidence_ledger ORDER BY seq DESC LIMIT 1");
             ResultSet row = last.executeQuery()) {
            if (row.next()) {
                lastSeq = row.getLong(1);
                lastHash = row.getString(2);
            }
        }
        List<LedgerRecord> records = LedgerChain.append(lastHash, lastSeq + 1, entries, clock.now());
        try (PreparedStatement insert = db.prepareStatement("""
                INSERT INTO evidence_ledger (seq, evidence_id, source, resource_type, resource_key, observed_at,
                                             recorded_at, prev_hash, hash)
                SELECT CAST(s AS bigint), id, src, typ, rk, CAST(obs AS timestamptz), CAST(rec AS timestamptz), prev, h
                  FROM unnest(?, ?, ?, ?, ?, ?, ?, ?, ?) AS l(s, id, src, typ, rk, obs, rec, prev, h)
                """)) {
            insert.setArray(1, texts(db, records.stream().map(r -> Long.toString(r.seq())).toList()));
            insert.setArray(2, texts(db, records.stream().map(LedgerRecord::evidenceId).toList()));
            insert.setArray(3, texts(db, records.stream().map(LedgerRecord::source).toList()));
            insert.setArray(4, texts(db, records.stream().map(LedgerRecord::resourceType).toList()));
            insert.setArray(5, texts(db, records.stream().map(LedgerRecord::resourceKey).toList()));
            insert.setArray(6, texts(db, records.stream().map(r -> r.observedAt().toString()).toList()));
            insert.setArray(7, texts(db, records.stream().map(r -> r.recordedAt().toString()).toList()));
            insert.setArray(8, texts(db, records.stream().map(LedgerRecord::prevHash).toList()));
            insert.setArray(9, texts(db, records.stream().map(LedgerRecord::hash).toList()));
            insert.executeUpdate();
        }
        return records;
    }

    /** Versions recorded before the ledger existed join it, in the order they were first observed. */
    void catchUp(@Observes StartupEvent start) {
        int appended = QuarkusTransaction.requiringNew().call(() -> em.unwrap(Session.class).doReturningWork(db -> {
            List<LedgerEntry> missing = new ArrayList<>();
            try (PreparedStatement q = db.prepareStatement("""
                    SELECT e.evidence_id, e.source, e.resource_type, e.resource_key, e.first_observed_at
                      FROM evidence_item e
                     WHERE NOT EXISTS (SELECT 1 FROM evidence_ledger l WHERE l.evidence_id = e.evidence_id)
                     ORDER BY e.first_observed_at, e.evidence_id
                    """); ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    missing.add(new LedgerEntry(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getTimestamp(5).toInstant()));
                }
            }
            return append(db, missing).size();
        }));
        if (appended > 0) {
            LOG.infof("appended %d evidence version(s) recorded before the ledger existed", appended);
        }
    }

    /** A page of the chain from a sequence number, in order. */
    public List<LedgerRecord> from(long fromSeq, int limit) {
        return read("WHERE seq >= ? ORDER BY seq LIMIT ?", q -> {
            q.setLong(1, fromSeq);
            q.setInt(2, limit);
        });
    }

    /** Records appended in [from, to), in order, at most {@code limit} from {@code afterSeq}. */
    public List<LedgerRecord> recordedBetween(java.time.Instant from, java.time.Instant to, long afterSeq, int limit) {
        return read("WHERE recorded_at >= ? AND recorded_at < ? AND seq > ? ORDER BY seq LIMIT ?", q -> {
            q.setTimestamp(1, Timestamp.from(from));
            q.setTimestamp(2, Timestamp.from(to));
            q.setLong(3, afterSeq);
            q.setInt(4, limit);
        });
    }

    /** The hash a record's predecessor carries: the genesis hash for the first. */
    public String hashBefore(long seq) {
        List<LedgerRecord> before = read("WHERE seq = ?", q -> q.setLong(1, seq - 1));
        return before.isEmpty() ? LedgerRecord.GENESIS_HASH : before.get(0).hash();
    }

    private interface Binder {
        void bind(PreparedStatement q) throws SQLException;
    }

    private List<LedgerRecord> read(String where, Binder binder) {
        return em.unwrap(Session.class).doReturningWork(db -> {
            List<LedgerRecord> out = new ArrayList<>();
            try (PreparedStatement q = db.prepareStatement("SELECT seq, evidence_id, source, resource_type, "
                    + "resource_key, observed_at, recorded_at, prev_hash, hash FROM evidence_ledger " + where)) {
                binder.bind(q);
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        out.add(new LedgerRecord(r.getLong(1), r.getString(2), r.getString(3), r.getString(4),
                                r.getString(5), r.getTimestamp(6).toInstant(), r.getTimestamp(7).toInstant(),
                                r.getString(8), r.getString(9)));
                    }
                }
            }
            return out;
        });
    }

    private static java.sql.Array texts(Connection db, List<String> values) throws SQLException {
        return db.createArrayOf("text", values.toArray(String[]::new));
    }
}
