package dev.vigil.report.linked;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/**
 * A risk acceptance as the control-evaluator's {@code GET /api/exceptions} describes it (the evaluator records
 * exceptions once report-service's approval workflow approved them; report-service sees their effect, EXCEPTED, in
 * the status events).
 *
 * @param resourceKey          the one failing resource accepted, or null for the whole control
 * @param owner                the requester (the evaluator's former name for it)
 * @param revokedBy            who requested the revocation
 * @param revocationApprovedBy who approved the revocation
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ControlException(String id, String controlId, String resourceKey, String owner, String requestedBy,
                               String approvedBy, String justification, Instant createdAt, Instant expiresAt,
                               boolean active, Instant revokedAt, String revokedBy, String revocationApprovedBy) {

    /** The requester, also from an evaluator that predates the approval workflow (owner only). */
    public String requester() {
        return requestedBy != null ? requestedBy : owner;
    }
}
