package dev.vigil.evaluator.ingest;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.vigil.common.evidence.RunFailure;
import dev.vigil.common.evidence.RunState;
import dev.vigil.common.store.JsonColumns;
import dev.vigil.evaluator.store.Coverage;
import dev.vigil.evaluator.store.ResourceState;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * After a run that read a resource type in full (COMPLETED, or PARTIAL with no failure concerning that type),
 * resources of that type it did not see leave scope. Evidence and run events travel on different
 * topics, so the run's end may arrive before its last evidence: scope is settled only once as many
 * resources carry the run's id as the run reported.
 */
@ApplicationScoped
public class ScopeSettlement {
    private static final Logger LOG = Logger.getLogger(ScopeSettlement.class);
    private static final TypeReference<List<RunFailure>> FAILURES = new TypeReference<>() {
    };

    /** Call with the collection's lock held. Returns true when resources left scope. */
    public boolean trySettle(Coverage coverage) {
        if (coverage.scopeSettled || RunState.FAILED.name().equals(coverage.runState) || hasGaps(coverage)) {
            return false;
        }
        if (coverage.seenInRun < coverage.expectedCount) {
            return false;
        }
        int retired = ResourceState.retireNotSeenIn(coverage.source, coverage.resourceType, coverage.runId);
        coverage.scopeSettled = true;
        if (retired > 0) {
            LOG.infof("%d %s resource(s) of %s left scope: not seen by run %s, which read them in full", retired,
                    coverage.resourceType, coverage.source, coverage.runId);
        }
        return retired > 0;
    }

    private static boolean hasGaps(Coverage coverage) {
        return coverage.gaps != null && !JsonColumns.read(coverage.gaps, FAILURES).isEmpty();
    }
}
