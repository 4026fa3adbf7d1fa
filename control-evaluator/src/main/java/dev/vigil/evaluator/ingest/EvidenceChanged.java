package dev.vigil.evaluator.ingest;

import java.util.Set;

/**
 * Fired (as a synchronous CDI event) after evidence or a collection run was stored: the resource types whose current
 * state or coverage changed. Whatever derives from stored evidence (the identity join) observes it, so ingestion
 * does not need to know who listens.
 */
public record EvidenceChanged(Set<String> resourceTypes) {
    public EvidenceChanged {
        resourceTypes = Set.copyOf(resourceTypes);
    }
}
