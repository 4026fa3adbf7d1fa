package dev.vigil.report.history;

import dev.vigil.common.evidence.ControlStatusEvent;
import dev.vigil.common.evidence.FailingResource;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One status a control held: from its evaluation until the control's next evaluation ({@code to}), or still
 * current ({@code to == null}).
 *
 * <p>The status is kept by name, not as {@code ControlStatus}: history outlives the enum (a stored interval
 * must stay readable whatever statuses are added or renamed later), and everything that judges history does
 * so by name (see {@link Statuses}).
 *
 * <p>{@code failingResources} is what the status event listed: the first {@code failingResourceCount} failing
 * resources, or all of them. The evaluator keeps the whole list of the status it published at {@code from}.
 */
public record StatusInterval(
        String controlId,
        String status,
        Instant from,
        Instant to,
        int resourcesInScope,
        int failingResourceCount,
        List<FailingResource> failingResources,
        String reason) {

    public StatusInterval {
        Objects.requireNonNull(controlId, "controlId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(from, "from");
        if (to != null && !to.isAfter(from)) {
            throw new IllegalArgumentException("interval of " + controlId + " ends (" + to + ") before it starts ("
                    + from + ")");
        }
        failingResources = failingResources == null ? List.of() : List.copyOf(failingResources);
        if (failingResourceCount < failingResources.size()) {
            throw new IllegalArgumentException("interval of " + controlId + " counts " + failingResourceCount
                    + " failing resources but lists " + failingResources.size());
        }
    }

    /** An interval whose failing resources are all listed. */
    public StatusInterval(String controlId, String status, Instant from, Instant to, int resourcesInScope,
                          List<FailingResource> failingResources, String reason) {
        this(controlId, status, from, to, resourcesInScope, failingResources == null ? 0 : failingResources.size(),
                failingResources, reason);
    }

    /** Some failing resources are counted but not listed: the evaluator has the rest. */
    public boolean failingResourcesCut() {
        return failingResourceCount > failingResources.size();
    }

    /** The interval an evaluation opens, running until {@code to} (null: until further notice). */
    public static StatusInterval of(ControlStatusEvent event, Instant to) {
        return new StatusInterval(event.controlId(), event.status().name(), event.evaluatedAt(), to,
                event.resourcesInScope(), event.failingResourceCount(), event.failingResources(), event.reason());
    }

    public boolean current() {
        return to == null;
    }

    public StatusInterval endingAt(Instant end) {
        return new StatusInterval(controlId, status, from, end, resourcesInScope, failingResourceCount,
                failingResources, reason);
    }
}
