package dev.vigil.report.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/**
 * A risk acceptance as the control-evaluator's {@code GET /api/exceptions} describes it (the evaluator owns
 * exceptions; report-service only sees their effect, EXCEPTED, in the status events).
 *
 * @param resourceKey the one failing resource accepted, or null for the whole control
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ControlException(String id, String controlId, String resourceKey, String owner, String justification,
                               Instant createdAt, Instant expiresAt, boolean active, Instant revokedAt,
                               String revokedBy) {
}
