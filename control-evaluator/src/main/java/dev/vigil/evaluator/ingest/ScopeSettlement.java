package dev.vigil.evaluator.ingest;

import dev.vigil.evaluator.store.Coverage;
import dev.vigil.evaluator.store.ResourceState;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * After a run that read a resource type in full (COMPLETED, or PARTIAL with no failure concerning that type),
 * resources of that type it did not see leave scope. Evidence and run events travel on different
 * topics, so the run's end may arrive before its last evidence: scope is settled only once as many
 * resources carry the run's id as the run reported.
 */
@ApplicationScoped
public class ScopeSettlement {
    private static final Logger LOG = Logger.getLogger(ScopeSettlement.class);

    /**
     * Call with the collection's lock held. Returns true when resources left scope. A type the run did not read in
     * full is recorded settled from the start ({@link RunIngestion}): nothing of it leaves scope, and evidence
     * ingestion, which calls this for every batch, does not look at its gaps again.
     */
    public boolean trySettle(Coverage coverage) {
        if (coverage.scopeSettled) {
            return false;
        }
        if (coverage.seenInRun < coverage.expectedCount) {
            return false;
        }
        int retired = ResourceState.retireNotSeenIn(coverage.source, coverage.resourceType, coverage.runId,
                coverage.runStartedAt);
        coverage.scopeSettled = true;
        if (retired > 0) {
            LOG.infof("%d %s resource(s) of %s left scope: not seen by run %s, which read them in full", retired,
                    coverage.resourceType, coverage.source, coverage.runId);
        }
        return retired > 0;
    }
}
