package dev.vigil.evaluator.domain;

import dev.vigil.common.evidence.AutomatedPart;
import dev.vigil.common.evidence.ControlStatus;
import dev.vigil.common.evidence.DocumentPart;
import dev.vigil.common.evidence.FailingResource;

import java.util.List;

/**
 * The outcome of evaluating one control over everything in its scope.
 *
 * @param automated what its rules alone say; null for a control without rules (or out of scope by decision)
 * @param documents its required documents; null for a control that requires none (or out of scope by decision)
 */
public record ControlResult(String controlId, ControlStatus status, int resourcesInScope,
                            List<FailingResource> failingResources, String reason, AutomatedPart automated,
                            DocumentPart documents) {

    /** A result without parts: a control out of scope by decision. */
    public ControlResult(String controlId, ControlStatus status, int resourcesInScope,
                         List<FailingResource> failingResources, String reason) {
        this(controlId, status, resourcesInScope, failingResources, reason, null, null);
    }

    /** What must differ for a new status event to be worth publishing. */
    public String fingerprint() {
        StringBuilder sb = new StringBuilder(status.name()).append('|').append(resourcesInScope).append('|')
                .append(reason);
        failingResources.forEach(f -> sb.append('|').append(f.resourceKey()).append(':').append(f.ruleId())
                .append(':').append(f.evidenceId()).append(':').append(f.exceptionId()));
        // The parts are shown too: a part that changes (or, after an upgrade, appears) is a new status to publish.
        sb.append("|automated=").append(automated).append("|documents=").append(documents);
        return sb.toString();
    }
}
