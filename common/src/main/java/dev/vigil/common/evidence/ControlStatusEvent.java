package dev.vigil.common.evidence;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A control's status after an evaluation that changed it (status, failing resources or scope).
 *
 * @param reason why a status other than PASS/FAIL was given (what could not be read, which permission)
 */
public record ControlStatusEvent(
        String controlId,
        ControlStatus status,
        Instant evaluatedAt,
        int resourcesInScope,
        List<FailingResource> failingResources,
        String reason) {

    public ControlStatusEvent {
        Objects.requireNonNull(controlId, "controlId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(evaluatedAt, "evaluatedAt");
        evaluatedAt = Times.micros(evaluatedAt);
        failingResources = failingResources == null ? List.of() : List.copyOf(failingResources);
    }

    public String eventId() {
        return controlId + ":" + evaluatedAt;
    }
}
