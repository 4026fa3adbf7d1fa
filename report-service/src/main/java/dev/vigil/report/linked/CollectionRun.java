package dev.vigil.report.linked;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.vigil.common.evidence.RunFailure;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A collection run as collector-service's {@code GET /api/collections} describes it. The state is kept by name and
 * unknown fields are ignored, so a newer collector does not break the page.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CollectionRun(String runId, String collector, String source, String state, Instant startedAt,
                            Instant finishedAt, Map<String, Long> counts, List<RunFailure> failures) {

    public CollectionRun {
        counts = counts == null ? Map.of() : Map.copyOf(counts);
        failures = failures == null ? List.of() : List.copyOf(failures);
    }

    /** Still going: not yet finished, whatever the state says. */
    public boolean running() {
        return finishedAt == null;
    }

    public boolean succeeded() {
        return "COMPLETED".equals(state);
    }

    /** Evidence items published so far, all resource types together: the run's progress. */
    public long itemCount() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
