package dev.vigil.report.linked;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.Map;

/** A resource in the evaluator's scope now, with its current evidence's facts (GET /api/resources/facts). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CurrentResource(String resourceType, String source, String resourceKey, String evidenceId,
                              Instant observedAt, Map<String, Object> facts) {
}
