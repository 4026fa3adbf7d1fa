package dev.vigil.evaluator.ingest;

import dev.vigil.common.evidence.EvidenceEvent;
import dev.vigil.common.ledger.LedgerChains;
import dev.vigil.common.ledger.LedgerEntry;
import dev.vigil.common.store.JsonColumns;
import dev.vigil.evaluator.evaluation.ControlEvaluationService;
import dev.vigil.evaluator.evaluation.RuleRegistry;
import dev.vigil.evaluator.ingest.EvidenceBatchPlan.Current;
import dev.vigil.evaluator.ingest.EvidenceBatchPlan.NewState;
import dev.vigil.evaluator.ingest.EvidenceBatchPlan.SeenBySweep;
import dev.vigil.evaluator.ingest.EvidenceBatchPlan.Version;
import dev.vigil.evaluator.store.Coverage;
import dev.vigil.evaluator.store.Locks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Records a poll of evidence events in one transaction: one statement per table for the whole poll (arrays
 * unnested by PostgreSQL), instead of a transaction and a handful of round trips per record. Versions seen for
 * the first time join the evidence ledger in the same transaction, each on the chain of the partition it came from. Idempotent: the
 * same events again (a redelivery or a replay of the topic) change nothing, and an event older than the
 * resource's current evidence never overwrites it ({@link EvidenceBatchPlan} decides; this class reads and
 * writes).
 */
@ApplicationScoped
public class EvidenceIngestion {
    @Inject
    EntityManager em;
    @Inject
    RuleRegistry rules;
    @Inject
    Locks locks;
    @Inject
    ScopeSettlement scope;
    @Inject
    EvidenceLedger ledger;

    /** What a poll changed: the controls to evaluate again. */
    public record Changes(Set<String> resourceTypes, Set<String> controls) {
    }

    /** Evidence the evaluator derived itself, on no partition: the {@link LedgerChains#DERIVED} chain. */
    @Transactional
    public Changes ingest(List<EvidenceEvent> events) {
        return ingest(events, Collections.nCopies(events.size(), LedgerChains.DERIVED));
    }

    /**
     * @param chains for each event, the ledger chain its version joins if new: its partition's
     *               ({@link LedgerChains#ofPartition})
     */
    @Transactional
    public Changes ingest(List<EvidenceEvent> events, List<String> chains) {
        if (events.size() != chains.size()) {
            throw new IllegalArgumentException(events.size() + " events but " + chains.size() + " chains");
        }
        if (events.isEmpty()) {
            return new Changes(Set.of(), Set.of());
        }
        for (EvidenceBatchPlan.Collection c : EvidenceBatchPlan.collectionsOf(events)) {
            locks.lockCollection(c.source(), c.resourceType()); // in a fixed order: no deadlock between polls
        }
        EvidenceBatchPlan plan = em.unwrap(Session.class).doReturningWork(db -> {
            EvidenceBatchPlan p = EvidenceBatchPlan.of(events, currentStates(db, events));
            // Provenance is stored with the version and with the resource's state: serialised once per event.
            Map<EvidenceEvent, String> provenance = new IdentityHashMap<>();
            Function<EvidenceEvent, String> provenanceJson =
                    e -> provenance.computeIfAbsent(e, x -> JsonColumns.write(x.provenance()));
            Map<EvidenceEvent, String> chainOf = new IdentityHashMap<>();
            for (int i = 0; i < events.size(); i++) {
                chainOf.put(events.get(i), chains.get(i));
            }
            ledger.append(db, newVersions(p.versions(), recordVersions(db, p.versions(), provenanceJson), chainOf));
            writeStates(db, p.states(), provenanceJson);
            markSeenBySweep(db, p.seenBySweep());
            return p;
        });
        return settle(plan);
    }

    /** Counts newly seen resources against each collection's finished run, which may now settle its scope. */
    private Changes settle(EvidenceBatchPlan plan) {
        Set<String> types = new TreeSet<>();
        Set<String> controls = new TreeSet<>();
        for (NewState s : plan.states()) {
            if (ControlEvaluationService.DOCUMENT_TYPE.equals(s.event().resourceType())
                    && s.event().facts().get("controlId") instanceof String id) {
                controls.add(id); // an uploaded document evidences the control it names
            } else {
                types.add(s.event().resourceType());
            }
        }
        for (EvidenceBatchPlan.Collection c : plan.collections()) {
            Coverage coverage = Coverage.findById(Coverage.key(c.source(), c.resourceType()));
            if (coverage == null || coverage.scopeSettled) {
                continue;
            }
            long seen = plan.firstSeenByRun(c).getOrDefault(coverage.runId, 0L);
            if (seen > 0) {
                coverage.seenInRun += seen; // the run's end arrived before this evidence
                scope.trySettle(coverage);
            }
        }
        return new Changes(types, controls);
    }

    private static Map<String, Current> currentStates(Connection db, List<EvidenceEvent> events) throws SQLException {
        Map<String, Current> current = new HashMap<>();
        try (PreparedStatement select = db.prepareStatement("""
                SELECT resource_key, run_id, evidence_id, observed_at, swept_at FROM resource_state
                 WHERE resource_key = ANY (?)
                """)) {
            select.setArray(1, texts(db, events, EvidenceEvent::resourceKey));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Timestamp swept = rows.getTimestamp(5);
                    current.put(rows.getString(1), new Current(rows.getString(2), rows.getString(3),
                            rows.getTimestamp(4).toInstant(), swept == null ? null : swept.toInstant()));
                }
            }
        }
        return current;
    }

    /** The versions first recorded now, by chain, each in the poll's order: they join the ledger. */
    private static Map<String, List<LedgerEntry>> newVersions(List<Version> versions, Set<String> inserted,
                                                              Map<EvidenceEvent, String> chainOf) {
        Map<String, List<LedgerEntry>> byChain = new TreeMap<>();
        for (Version v : versions) {
            if (inserted.contains(v.event().id())) {
                byChain.computeIfAbsent(chainOf.get(v.event()), c -> new ArrayList<>()).add(new LedgerEntry(
                        v.event().id(), v.event().source().uri(), v.event().resourceType(), v.event().resourceKey(),
                        v.firstObservedAt()));
            }
        }
        return byChain;
    }

    /** @return the ids of the versions that were not known before */
    private static Set<String> recordVersions(Connection db, List<Version> versions,
                                              Function<EvidenceEvent, String> provenanceJson) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("""
                INSERT INTO evidence_item (evidence_id, source, resource_type, resource_key, facts, provenance,
                                           first_observed_at, last_observed_at, first_run_id)
                SELECT id, src, typ, rk, CAST(f AS jsonb), CAST(p AS jsonb), CAST(fo AS timestamptz),
                       CAST(lo AS timestamptz), run
                  FROM unnest(?, ?, ?, ?, ?, ?, ?, ?, ?) AS v(id, src, typ, rk, f, p, fo, lo, run)
                ON CONFLICT (evidence_id) DO UPDATE
                  SET first_observed_at = LEAST(evidence_item.first_observed_at, EXCLUDED.first_observed_at),
                      last_observed_at = GREATEST(evidence_item.last_observed_at, EXCLUDED.last_observed_at)
                RETURNING evidence_id, xmax = 0
                """)) {
            insert.setArray(1, texts(db, versions, v -> v.event().id()));
            insert.setArray(2, texts(db, versions, v -> v.event().source().uri()));
            insert.setArray(3, texts(db, versions, v -> v.event().resourceType()));
            insert.setArray(4, texts(db, versions, v -> v.event().resourceKey()));
            insert.setArray(5, texts(db, versions, v -> JsonColumns.write(v.event().facts())));
            insert.setArray(6, texts(db, versions, v -> provenanceJson.apply(v.event())));
            insert.setArray(7, texts(db, versions, v -> v.firstObservedAt().toString()));
            insert.setArray(8, texts(db, versions, v -> v.lastObservedAt().toString()));
            insert.setArray(9, texts(db, versions, v -> v.event().runId()));
            Set<String> inserted = new HashSet<>();
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    if (rows.getBoolean(2)) { // xmax = 0: the row was inserted, not updated
                        inserted.add(rows.getString(1));
                    }
                }
            }
            return inserted;
        }
    }

    private void writeStates(Connection db, List<NewState> states, Function<EvidenceEvent, String> provenanceJson)
            throws SQLException {
        if (states.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = db.prepareStatement("""
                INSERT INTO resource_state (resource_key, resource_type, source, evidence_id, observed_at, run_id,
                                            provenance, verdicts, in_scope, retired_by_run, swept_at)
                SELECT rk, typ, src, id, CAST(obs AS timestamptz), run, CAST(p AS jsonb), CAST(v AS jsonb), true, NULL,
                       CAST(swept AS timestamptz)
                  FROM unnest(?, ?, ?, ?, ?, ?, ?, ?, ?) AS s(rk, typ, src, id, obs, run, p, v, swept)
                ON CONFLICT (resource_key) DO UPDATE
                  SET resource_type = EXCLUDED.resource_type, source = EXCLUDED.source,
                      evidence_id = EXCLUDED.evidence_id, observed_at = EXCLUDED.observed_at,
                      run_id = CASE WHEN EXCLUDED.swept_at IS NULL THEN resource_state.run_id ELSE EXCLUDED.run_id END,
                      swept_at = COALESCE(EXCLUDED.swept_at, resource_state.swept_at),
                      provenance = EXCLUDED.provenance, verdicts = EXCLUDED.verdicts,
                      in_scope = true, retired_by_run = NULL
                """)) {
            // a targeted read's evidence (swept_at null) keeps the sweep that saw the resource last
            upsert.setArray(9, texts(db, states, s -> s.sweep() ? s.event().observedAt().toString() : null));
            upsert.setArray(1, texts(db, states, s -> s.event().resourceKey()));
            upsert.setArray(2, texts(db, states, s -> s.event().resourceType()));
            upsert.setArray(3, texts(db, states, s -> s.event().source().uri()));
            upsert.setArray(4, texts(db, states, s -> s.event().id()));
            upsert.setArray(5, texts(db, states, s -> s.event().observedAt().toString()));
            upsert.setArray(6, texts(db, states, s -> s.event().runId()));
            upsert.setArray(7, texts(db, states, s -> provenanceJson.apply(s.event())));
            upsert.setArray(8, texts(db, states, s -> JsonColumns.write(rules.judge(s.event().resourceType(),
                    s.event().facts()))));
            upsert.executeUpdate();
        }
    }

    /** A sweep saw these resources; newer facts (a targeted read's) stay. */
    private static void markSeenBySweep(Connection db, List<SeenBySweep> seen) throws SQLException {
        if (seen.isEmpty()) {
            return;
        }
        try (PreparedStatement update = db.prepareStatement("""
                UPDATE resource_state r SET run_id = m.run, swept_at = CAST(m.obs AS timestamptz)
                  FROM unnest(?, ?, ?) AS m(rk, run, obs)
                 WHERE r.resource_key = m.rk
                """)) {
            update.setArray(1, texts(db, seen, s -> s.event().resourceKey()));
            update.setArray(2, texts(db, seen, s -> s.event().runId()));
            update.setArray(3, texts(db, seen, s -> s.event().observedAt().toString()));
            update.executeUpdate();
        }
    }

    private static <T> Array texts(Connection db, List<T> items, Function<T, String> column) throws SQLException {
        return db.createArrayOf("text", items.stream().map(column).toArray(String[]::new));
    }
}
