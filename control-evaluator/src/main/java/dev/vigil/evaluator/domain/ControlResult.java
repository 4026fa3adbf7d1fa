package dev.vigil.evaluator.domain;

import dev.vigil.common.evidence.ControlStatus;
import dev.vigil.common.evidence.FailingResource;

import java.util.List;

/** The outcome of evaluating one control over everything in its scope. */
public record ControlResult(String controlId, ControlStatus status, int resourcesInScope,
                            List<FailingResource> failingResources, String reason) {

    /** What must differ for a new status event to be worth publishing. */
    public String fingerprint() {
        StringBuilder sb = new StringBuilder(status.name()).append('|').append(resourcesInScope).append('|')
                .append(reason);
        failingResources.forEach(f -> sb.append('|').append(f.resourceKey()).append(':').append(f.ruleId())
                .append(':').append(f.evidenceId()).append(':').append(f.exceptionId()));
        return sb.toString();
    }
}
