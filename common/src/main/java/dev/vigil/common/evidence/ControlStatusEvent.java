package dev.vigil.common.evidence;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A control's status after an evaluation that changed it (status, failing resources or scope).
 *
 * <p>The event names how many resources fail ({@code failingResourceCount}) but lists only the first of them, in the
 * evaluator's order (by resource key, then rule): an organisation's whole list does not fit in one Kafka record
 * ({@link StatusEventBounds}). The control evaluator keeps the complete list of every status it publishes, by control
 * and {@code evaluatedAt} ({@code GET /api/controls/{id}/failing-resources}). An event written before the count
 * existed listed everything: decoded, its count is its list's size.
 *
 * @param failingResourceCount how many resources fail, whether listed here or not
 * @param failingResources     the first of them, at most {@code failingResourceCount}
 * @param reason               why a status other than PASS/FAIL was given (what could not be read, which permission)
 */
public record ControlStatusEvent(
        String controlId,
        ControlStatus status,
        Instant evaluatedAt,
        int resourcesInScope,
        int failingResourceCount,
        List<FailingResource> failingResources,
        String reason) {

    public ControlStatusEvent {
        Objects.requireNonNull(controlId, "controlId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(evaluatedAt, "evaluatedAt");
        evaluatedAt = Times.micros(evaluatedAt);
        failingResources = failingResources == null ? List.of() : List.copyOf(failingResources);
        if (failingResourceCount < failingResources.size()) {
            throw new IllegalArgumentException("failingResourceCount " + failingResourceCount + " of " + controlId
                    + " is smaller than the " + failingResources.size() + " failing resources listed");
        }
    }

    /** A status that lists every failing resource. */
    public ControlStatusEvent(String controlId, ControlStatus status, Instant evaluatedAt, int resourcesInScope,
                              List<FailingResource> failingResources, String reason) {
        this(controlId, status, evaluatedAt, resourcesInScope, failingResources == null ? 0 : failingResources.size(),
                failingResources, reason);
    }

    public String eventId() {
        return controlId + ":" + evaluatedAt;
    }

    /** True when some failing resources are counted but not listed: the evaluator has the rest. */
    public boolean failingResourcesCut() {
        return failingResourceCount > failingResources.size();
    }
}
