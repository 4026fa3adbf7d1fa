package dev.vigil.evaluator.ingest;

import dev.vigil.common.evidence.CollectionRunEvent;
import dev.vigil.common.evidence.RunFailure;
import dev.vigil.common.evidence.RunState;
import dev.vigil.common.store.JsonColumns;
import dev.vigil.evaluator.store.CollectionRun;
import dev.vigil.evaluator.store.Coverage;
import dev.vigil.evaluator.store.Locks;
import dev.vigil.evaluator.store.ResourceState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Records a collection run's progress and, when it finishes, what it could and could not read for each
 * resource type it covers. A run that finishes after a newer run of the same collection changes nothing.
 *
 * <p>A targeted run (it re-read only what a provider event named) is recorded, failures and trigger included, and
 * nothing else: it vouches for no resource type, so it neither settles scope nor opens or closes coverage gaps.
 * When its read fails, the resource keeps its previous evidence and the failure is on the run; the next sweep
 * judges it.
 */
@ApplicationScoped
public class RunIngestion {
    @Inject
    Locks locks;
    @Inject
    ScopeSettlement scope;

    /** @return the resource types whose coverage changed (their controls need evaluating). */
    @Transactional
    public Set<String> ingest(CollectionRunEvent r) {
        recordRun(r);
        if (!r.state().finished() || r.targeted()) {
            return Set.of();
        }
        String source = r.source().uri();
        Set<String> types = new LinkedHashSet<>(r.resourceTypes());
        r.failures().stream().map(RunFailure::resourceType).filter(t -> t != null).forEach(types::add);
        Set<String> changed = new LinkedHashSet<>();
        for (String type : types) {
            locks.lockCollection(source, type);
            Coverage c = Coverage.findById(Coverage.key(source, type));
            if (c != null && (c.runStartedAt.isAfter(r.startedAt()) || c.runId.equals(r.runId()))) {
                continue; // a newer run already reported, or this end was already recorded
            }
            if (c == null) {
                c = new Coverage();
                c.coverageKey = Coverage.key(source, type);
                c.source = source;
                c.resourceType = type;
            }
            c.runId = r.runId();
            c.runState = r.state().name();
            c.runStartedAt = r.startedAt();
            c.finishedAt = r.at();
            c.expectedCount = r.counts().getOrDefault(type, 0L);
            List<RunFailure> gaps = gapsFor(r, type);
            c.gaps = JsonColumns.write(gaps);
            // A type read in full settles its scope even when the run failed on another type (PARTIAL).
            c.scopeSettled = !readInFull(r, gaps);
            // Counted once here; evidence of the run that arrives later increments it (EvidenceIngestion).
            c.seenInRun = c.scopeSettled ? 0 : ResourceState.countSeenInRun(source, type, r.runId());
            c.persist();
            scope.trySettle(c);
            // A run read in full whose end came before its evidence is judged when that evidence arrives and settles
            // its scope (EvidenceIngestion): judged now, its controls would read the resources not yet stored as
            // absent, a status the history would keep for nothing.
            if (c.scopeSettled) {
                changed.add(type);
            }
        }
        return changed;
    }

    /**
     * Whether the run read every resource of a type: it did not fail as a whole and no failure concerns the type
     * ({@link #gapsFor}). A PARTIAL run reads in full the types its failures do not name.
     */
    static boolean readInFull(CollectionRunEvent r, List<RunFailure> gapsOfType) {
        return r.state() != RunState.FAILED && gapsOfType.isEmpty();
    }

    /** Failures naming this type, or no type at all (the whole run), are gaps in this type's coverage. */
    static List<RunFailure> gapsFor(CollectionRunEvent r, String type) {
        List<RunFailure> gaps = new ArrayList<>();
        for (RunFailure f : r.failures()) {
            if (f.resourceType() == null || f.resourceType().equals(type)) {
                gaps.add(new RunFailure(type, f.resourceKey(), f.reason(), f.missingPermission()));
            }
        }
        if (r.state() == RunState.FAILED && gaps.isEmpty()) {
            gaps.add(new RunFailure(type, null, "the collection run failed", null));
        }
        return gaps;
    }

    private void recordRun(CollectionRunEvent r) {
        CollectionRun run = CollectionRun.findById(r.runId());
        if (run == null) {
            run = new CollectionRun();
            run.runId = r.runId();
        } else if (RunState.valueOf(run.state).finished() || run.updatedAt.isAfter(r.at())) {
            return; // never move a run backwards
        }
        run.collector = r.collector();
        run.source = r.source().uri();
        run.state = r.state().name();
        run.startedAt = r.startedAt();
        run.updatedAt = r.at();
        run.resourceTypes = JsonColumns.write(r.resourceTypes());
        run.counts = JsonColumns.write(r.counts());
        run.failures = JsonColumns.write(r.failures());
        run.trigger = r.trigger() == null ? null : JsonColumns.write(r.trigger());
        run.persist();
    }
}
