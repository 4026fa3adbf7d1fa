package dev.vigil.report.linked;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/**
 * A scoping decision as the control-evaluator's {@code GET /api/scoping} describes it: the control is NOT_APPLICABLE
 * while it is not revoked.
 *
 * @param requestedBy who requested it ({@code decidedBy} is its former name)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScopingDecisionView(String id, String controlId, String justification, String requestedBy,
                                  String approvedBy, Instant decidedAt, Instant revokedAt, String revokedBy,
                                  String revocationApprovedBy) {
    public boolean active() {
        return revokedAt == null;
    }
}
