package dev.vigil.evaluator.ingest;

import dev.vigil.common.ledger.LedgerChain;
import dev.vigil.common.ledger.LedgerChains;
import dev.vigil.common.ledger.LedgerCheckpoint;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Appends evidence versions to the ledger in the transaction that records them. The ledger is one hash chain
 * ({@link LedgerChain}) per Kafka partition of the evidence topic ({@link LedgerChains}): an append locks only its
 * chain's head row in {@code ledger_chain}, so polls of different partitions, on one instance or several, append at
 * the same time, while a chain never forks. {@link LedgerCheckpoints} binds the chains with signed checkpoints.
 */
@ApplicationScoped
public class EvidenceLedger {
    private static final Logger LOG = Logger.getLogger(EvidenceLedger.class);

    @Inject
    EntityManager em;
    @Inject
    EvaluatorClock clock;

    /** A ledger record with the chain it belongs to and its place in the whole ledger (for paging only). */
    public record Stored(String chain, long position, LedgerRecord record) {
    }

    /** A chain's head: its last record; seq 0 and the chain's genesis hash before any. */
    public record Head(String chain, long seq, String hash) {
    }

    /**
     * Appends each chain's entries, in order, after its head. Call inside the transaction that inserted these
     * versions: each chain's head row stays locked until it ends. Chains are locked in name order, so two polls
     * spanning the same partitions cannot deadlock.
     */
    public List<LedgerRecord> append(Connection db, Map<String, List<LedgerEntry>> entriesByChain) throws SQLException {
        List<LedgerRecord> appended = new ArrayList<>();
        for (Map.Entry<String, List<LedgerEntry>> chain : new TreeMap<>(entriesByChain).entrySet()) {
            appended.addAll(append(db, chain.getKey(), chain.getValue()));
        }
        return appended;
    }

    /** Appends {@code entries}, in order, to {@code chain}; see {@link #append(Connection, Map)}. */
    public List<LedgerRecord> append(Connection db, String chain, List<LedgerEntry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return List.of();
        }
        Head head = lockHead(db, chain);
        List<LedgerRecord> records = LedgerChain.append(head.hash(), head.seq() + 1, entries, clock.now());
        try (PreparedStatement insert = db.prepareStatement("""
                INSERT INTO evidence_ledger (chain, seq, evidence_id, source, resource_type, resource_key, observed_at,
                                             recorded_at, prev_hash, hash)
                SELECT ?, CAST(s AS bigint), id, src, typ, rk, CAST(obs AS timestamptz), CAST(rec AS timestamptz),
                       prev, h
                  FROM unnest(?, ?, ?, ?, ?, ?, ?, ?, ?) WITH ORDINALITY AS l(s, id, src, typ, rk, obs, rec, prev, h, n)
                 ORDER BY n
                """)) {
            insert.setString(1, chain);
            insert.setArray(2, texts(db, records.stream().map(r -> Long.toString(r.seq())).toList()));
            insert.setArray(3, texts(db, records.stream().map(LedgerRecord::evidenceId).toList()));
            insert.setArray(4, texts(db, records.stream().map(LedgerRecord::source).toList()));
            insert.setArray(5, texts(db, records.stream().map(LedgerRecord::resourceType).toList()));
            insert.setArray(6, texts(db, records.stream().map(LedgerRecord::resourceKey).toList()));
            insert.setArray(7, texts(db, records.stream().map(r -> r.observedAt().toString()).toList()));
            insert.setArray(8, texts(db, records.stream().map(r -> r.recordedAt().toString()).toList()));
            insert.setArray(9, texts(db, records.stream().map(LedgerRecord::prevHash).toList()));
            insert.setArray(10, texts(db, records.stream().map(LedgerRecord::hash).toList()));
            insert.executeUpdate();
        }
        LedgerRecord last = records.get(records.size() - 1);
        try (PreparedStatement update = db.prepareStatement(
                "UPDATE ledger_chain SET head_seq = ?, head_hash = ? WHERE chain = ?")) {
            update.setLong(1, last.seq());
            update.setString(2, last.hash());
            update.setString(3, chain);
            update.executeUpdate();
        }
        return records;
    }

    /** The chain's head, its row locked until the transaction ends (created, at the genesis, for a new chain). */
    private static Head lockHead(Connection db, String chain) throws SQLException {
        try (PreparedStatement upsert = db.prepareStatement("""
                INSERT INTO ledger_chain (chain, head_seq, head_hash) VALUES (?, 0, ?)
                ON CONFLICT (chain) DO UPDATE SET chain = EXCLUDED.chain
                RETURNING head_seq, head_hash
                """)) {
            upsert.setString(1, LedgerChains.requireName(chain));
            upsert.setString(2, LedgerChains.genesis(chain));
            try (ResultSet row = upsert.executeQuery()) {
                row.next();
                return new Head(chain, row.getLong(1), row.getString(2));
            }
        }
    }

    /** Versions recorded before the ledger existed join it (the legacy chain), in the order first observed. */
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
            return append(db, LedgerChains.LEGACY, missing).size();
        }));
        if (appended > 0) {
            LOG.infof("appended %d evidence version(s) recorded before the ledger existed", appended);
        }
    }

    /** Every chain's committed head, by chain name: what a checkpoint lists. */
    public List<Head> heads() {
        return em.unwrap(Session.class).doReturningWork(db -> {
            List<Head> heads = new ArrayList<>();
            try (PreparedStatement q = db.prepareStatement(
                    "SELECT chain, head_seq, head_hash FROM ledger_chain WHERE head_seq > 0 ORDER BY chain");
                 ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    heads.add(new Head(r.getString(1), r.getLong(2), r.getString(3)));
                }
            }
            return heads;
        });
    }

    /** A page of one chain from a sequence number, in order. */
    public List<Stored> from(String chain, long fromSeq, int limit) {
        return read("WHERE chain = ? AND seq >= ? ORDER BY seq LIMIT ?", q -> {
            q.setString(1, chain);
            q.setLong(2, fromSeq);
            q.setInt(3, limit);
        });
    }

    /** Records of every chain appended in [from, to), in ledger order, at most {@code limit} after a position. */
    public List<Stored> recordedBetween(Instant from, Instant to, long afterPosition, int limit) {
        return read("WHERE recorded_at >= ? AND recorded_at < ? AND position > ? ORDER BY position LIMIT ?", q -> {
            q.setTimestamp(1, Timestamp.from(from));
            q.setTimestamp(2, Timestamp.from(to));
            q.setLong(3, afterPosition);
            q.setInt(4, limit);
        });
    }

    /** One chain's records appended in [from, to), in order, at most {@code limit} after {@code afterSeq}. */
    public List<Stored> recordedBetween(String chain, Instant from, Instant to, long afterSeq, int limit) {
        return read("WHERE chain = ? AND recorded_at >= ? AND recorded_at < ? AND seq > ? ORDER BY seq LIMIT ?", q -> {
            q.setString(1, chain);
            q.setTimestamp(2, Timestamp.from(from));
            q.setTimestamp(3, Timestamp.from(to));
            q.setLong(4, afterSeq);
            q.setInt(5, limit);
        });
    }

    /** The hash a record's predecessor in its chain carries: the chain's genesis hash for the first. */
    public String hashBefore(String chain, long seq) {
        List<Stored> before = read("WHERE chain = ? AND seq = ?", q -> {
            q.setString(1, chain);
            q.setLong(2, seq - 1);
        });
        return before.isEmpty() ? LedgerChains.genesis(chain) : before.get(0).record().hash();
    }

    /** The chain's last record appended before {@code t}: where a period's segment of it hangs from. */
    public Head headBefore(String chain, Instant t) {
        List<Stored> last = read("WHERE chain = ? AND recorded_at < ? ORDER BY seq DESC LIMIT 1", q -> {
            q.setString(1, chain);
            q.setTimestamp(2, Timestamp.from(t));
        });
        return last.isEmpty() ? new Head(chain, 0, LedgerChains.genesis(chain))
                : new Head(chain, last.get(0).record().seq(), last.get(0).record().hash());
    }

    /** Every chain's name, whatever its head. */
    public List<String> chains() {
        return heads().stream().map(Head::chain).toList();
    }

    /** A checkpoint's heads from {@link #heads()}. */
    static List<LedgerCheckpoint.Head> checkpointHeads(List<Head> heads) {
        return heads.stream().map(h -> new LedgerCheckpoint.Head(h.chain(), h.seq(), h.hash())).toList();
    }

    private interface Binder {
        void bind(PreparedStatement q) throws SQLException;
    }

    private List<Stored> read(String where, Binder binder) {
        return em.unwrap(Session.class).doReturningWork(db -> {
            List<Stored> out = new ArrayList<>();
            try (PreparedStatement q = db.prepareStatement("SELECT seq, evidence_id, source, resource_type, "
                    + "resource_key, observed_at, recorded_at, prev_hash, hash, chain, position FROM evidence_ledger "
                    + where)) {
                binder.bind(q);
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        out.add(new Stored(r.getString(10), r.getLong(11), new LedgerRecord(r.getLong(1),
                                r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                                r.getTimestamp(6).toInstant(), r.getTimestamp(7).toInstant(), r.getString(8),
                                r.getString(9))));
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
