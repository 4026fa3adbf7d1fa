package dev.vigil.report.period;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.vigil.common.evidence.FailingResource;
import dev.vigil.report.history.StatusInterval;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** A control's history inside a window: the intervals that overlap it, cut to it, oldest first. */
@JsonPropertyOrder({"controlId", "from", "to", "intervals"})
public record ControlHistory(String controlId, Instant from, Instant to, List<Entry> intervals) {

    /**
     * One interval as seen through the window. {@code ongoing}: the status had not ended by the window's end
     * (it is still current, or changed only later), so {@code to} is the window's end, not a change.
     */
    @JsonPropertyOrder({"status", "from", "to", "durationSeconds", "ongoing", "resourcesInScope",
            "failingResourceCount", "failingResources", "reason"})
    public record Entry(String status, Instant from, Instant to, double durationSeconds, boolean ongoing,
                        int resourcesInScope, int failingResourceCount, List<FailingResource> failingResources,
                        String reason) {
    }

    public static ControlHistory of(String controlId, Collection<StatusInterval> intervals, Period window) {
        List<Entry> entries = intervals.stream()
                .sorted(Comparator.comparing(StatusInterval::from))
                .flatMap(i -> window.clip(i).stream())
                .map(c -> new Entry(c.interval().status(), c.from(), c.to(), Period.seconds(c.duration()), c.ongoing(),
                        c.interval().resourcesInScope(), c.interval().failingResourceCount(),
                        c.interval().failingResources(), c.interval().reason()))
                .toList();
        return new ControlHistory(controlId, window.from(), window.to(), entries);
    }
}
