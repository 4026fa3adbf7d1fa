package dev.vigil.evaluator.ingest;

import dev.vigil.common.evidence.RunState;
import dev.vigil.evaluator.store.Coverage;
import dev.vigil.evaluator.store.ResourceState;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * After a COMPLETED run, resources it did not see leave scope. Evidence and run events travel on different
 * topics, so the run's end may arrive before its last evidence: scope is settled only once as many
 * resources carry the run's id as the run reported.
 */
@ApplicationScoped
public class ScopeSettlement {
    private static final Logger LOG = Logger.getLogger(ScopeSettlement.class);

    /** Call with the collection's lock held. Returns true when resources left scope. */
    public boolean trySettle(Coverage coverage) {
        if (coverage.scopeSettled || !RunState.COMPLETED.name().equals(coverage.runState)) {
            return false;
        }
        if (coverage.seenInRun < coverage.expectedCount) {
            return false;
        }
        int retired = ResourceState.retireNotSeenIn(coverage.source, coverage.resourceType, coverage.runId);
        coverage.scopeSettled = true;
        if (retired > 0) {
            LOG.infof("%d %s resource(s) of %s left scope: not seen by complete run %s", retired,
                    coverage.resourceType, coverage.source, coverage.runId);
        }
        return retired > 0;
    }
}
