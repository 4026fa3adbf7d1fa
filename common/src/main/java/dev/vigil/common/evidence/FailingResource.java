package dev.vigil.common.evidence;

import java.time.Instant;

/**
 * A resource that failed a rule of a control, with the reason and the evidence that shows it.
 *
 * @param exceptionId the active exception that accepts this failure, or null when nothing does
 */
public record FailingResource(
        String resourceKey,
        String resourceType,
        String ruleId,
        String reason,
        String evidenceId,
        Instant observedAt,
        Provenance provenance,
        String exceptionId) {

    public FailingResource {
        observedAt = observedAt == null ? null : Times.micros(observedAt);
    }

    public FailingResource(String resourceKey, String resourceType, String ruleId, String reason, String evidenceId,
                           Instant observedAt, Provenance provenance) {
        this(resourceKey, resourceType, ruleId, reason, evidenceId, observedAt, provenance, null);
    }

    public FailingResource excepted(String id) {
        return new FailingResource(resourceKey, resourceType, ruleId, reason, evidenceId, observedAt, provenance, id);
    }
}
