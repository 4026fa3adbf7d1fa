package dev.vigil.report.bundle;

import java.time.Instant;

/**
 * A risk acceptance recorded in the evaluator: a failing control (or one resource of it) accepted with a
 * justification until it expired or was revoked, requested by one admin and approved by another. An auditor reads
 * it next to the failures it covered.
 *
 * @param owner                the requester (the evaluator's former name for it)
 * @param approvedBy           who approved it; null for one recorded before approvals existed
 * @param revokedBy            who requested the revocation
 * @param revocationApprovedBy who approved the revocation
 */
public record AcceptedException(String id, String controlId, String resourceKey, String owner, String requestedBy,
                                String approvedBy, String justification, Instant createdAt, Instant expiresAt,
                                Instant revokedAt, String revokedBy, String revocationApprovedBy) {

    /** "requested by alice, approved by bob": who accepted the risk, as an auditor reads it. */
    public String whoAccepted() {
        String requester = requestedBy != null ? requestedBy : owner;
        return "requested by " + requester + ", approved by " + (approvedBy != null ? approvedBy : "(not recorded)");
    }

    /** "revoked at the request of bob, approved by alice", or null when not revoked. */
    public String whoRevoked() {
        return revokedAt == null ? null : "revoked at the request of " + revokedBy
                + (revocationApprovedBy != null ? ", approved by " + revocationApprovedBy : "");
    }

    /** When it stopped covering the failure: revoked, or expired, whichever came first. */
    public Instant endedAt() {
        return revokedAt != null && revokedAt.isBefore(expiresAt) ? revokedAt : expiresAt;
    }

    /** In force at some time in [from, to). */
    public boolean overlaps(Instant from, Instant to) {
        return createdAt.isBefore(to) && endedAt().isAfter(from);
    }
}
