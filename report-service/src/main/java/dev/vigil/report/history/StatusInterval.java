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
 */
public record StatusInterval(
        String controlId,
        String status,
        Instant from,
        Instant to,
        int resourcesInScope,
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
    }

    /** The interval an evaluation opens, running until {@code to} (null: until further notice). */
    public static StatusInterval of(ControlStatusEvent event, Instant to) {
        return new StatusInterval(event.controlId(), event.status().name(), event.evaluatedAt(), to,
                event.resourcesInScope(), event.failingResources(), event.reason());
    }

    public boolean current() {
        return to == null;
    }

    public StatusInterval endingAt(Instant end) {
        return new StatusInterval(controlId, status, from, end, resourcesInScope, failingResources, reason);
    }
}
