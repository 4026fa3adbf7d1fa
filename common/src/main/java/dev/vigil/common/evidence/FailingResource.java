package dev.vigil.common.evidence;

import java.time.Instant;

/** A resource that failed a rule of a control, with the reason and the evidence that shows it. */
public record FailingResource(
        String resourceKey,
        String resourceType,
        String ruleId,
        String reason,
        String evidenceId,
        Instant observedAt,
        Provenance provenance) {

    public FailingResource {
        observedAt = observedAt == null ? null : Times.micros(observedAt);
    }
}
