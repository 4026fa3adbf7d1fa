package dev.vigil.evaluator.ingest;

import dev.vigil.common.evidence.EvidenceEvent;
import dev.vigil.common.store.JsonColumns;
import dev.vigil.evaluator.evaluation.RuleRegistry;
import dev.vigil.evaluator.store.Coverage;
import dev.vigil.evaluator.store.ResourceState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;

/**
 * Records one evidence event. Idempotent: the same event again (a redelivery or a replay of the topic)
 * changes nothing, and an event older than the resource's current evidence never overwrites it.
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

    /** @return true when the resource's current state changed (its controls need evaluating). */
    @Transactional
    public boolean ingest(EvidenceEvent e) {
        String source = e.source().uri();
        locks.lockCollection(source, e.resourceType());
        recordEvidenceVersion(e, source);

        ResourceState state = ResourceState.findById(e.resourceKey());
        if (state != null && state.observedAt.isAfter(e.observedAt())) {
            return false; // older than what we know: history only
        }
        if (state != null && state.runId.equals(e.runId()) && state.evidenceId.equals(e.id())
                && state.observedAt.equals(e.observedAt())) {
            return false; // exact redelivery
        }
        boolean firstOfThisRun = state == null || !state.runId.equals(e.runId());
        if (state == null) {
            state = new ResourceState();
            state.resourceKey = e.resourceKey();
        }
        state.resourceType = e.resourceType();
        state.source = source;
        state.evidenceId = e.id();
        state.observedAt = e.observedAt();
        state.runId = e.runId();
        state.provenance = JsonColumns.write(e.provenance());
        state.verdicts = JsonColumns.write(rules.judge(e.resourceType(), e.facts()));
        state.inScope = true;
        state.retiredByRun = null;
        state.persist();
        em.flush();

        Coverage coverage = Coverage.findById(Coverage.key(source, e.resourceType()));
        if (firstOfThisRun && coverage != null && coverage.runId.equals(e.runId()) && !coverage.scopeSettled) {
            coverage.seenInRun++; // the run's end arrived before this evidence
            scope.trySettle(coverage);
        }
        return true;
    }

    private void recordEvidenceVersion(EvidenceEvent e, String source) {
        em.createNativeQuery("""
                        INSERT INTO evidence_item (evidence_id, source, resource_type, resource_key, facts, provenance,
                                                   first_observed_at, last_observed_at, first_run_id)
                        VALUES (?1, ?2, ?3, ?4, CAST(?5 AS jsonb), CAST(?6 AS jsonb), ?7, ?7, ?8)
                        ON CONFLICT (evidence_id) DO UPDATE
                          SET first_observed_at = LEAST(evidence_item.first_observed_at, EXCLUDED.first_observed_at),
                              last_observed_at = GREATEST(evidence_item.last_observed_at, EXCLUDED.last_observed_at)
                        """)
                .setParameter(1, e.id())
                .setParameter(2, source)
                .setParameter(3, e.resourceType())
                .setParameter(4, e.resourceKey())
                .setParameter(5, JsonColumns.write(e.facts()))
                .setParameter(6, JsonColumns.write(e.provenance()))
                .setParameter(7, Timestamp.from(e.observedAt()))
                .setParameter(8, e.runId())
                .executeUpdate();
    }
}
