package dev.vigil.report.board;

import dev.vigil.common.evidence.ControlStatus;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** How many controls are in each status; every status is listed, zero included, in enum order. */
public record StatusSummary(List<StatusCount> counts, int total) {

    public record StatusCount(ControlStatus status, int count) {
    }

    public static StatusSummary of(Collection<ControlView> controls) {
        Map<ControlStatus, Integer> byStatus = new EnumMap<>(ControlStatus.class);
        for (ControlStatus s : ControlStatus.values()) {
            byStatus.put(s, 0);
        }
        controls.forEach(c -> byStatus.merge(c.status(), 1, Integer::sum));
        List<StatusCount> counts = new ArrayList<>();
        byStatus.forEach((status, n) -> counts.add(new StatusCount(status, n)));
        return new StatusSummary(List.copyOf(counts), controls.size());
    }

    public int count(ControlStatus status) {
        return counts.stream().filter(c -> c.status() == status).mapToInt(StatusCount::count).sum();
    }
}
