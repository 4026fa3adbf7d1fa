package dev.vigil.report.linked;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/** The control-evaluator's {@code GET /api/coverage}: the last collection run of one source and resource type. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CollectionCoverage(String source, String resourceType, String runId, String runState,
                                 Instant finishedAt) {
    public boolean completed() {
        return "COMPLETED".equals(runState);
    }
}
