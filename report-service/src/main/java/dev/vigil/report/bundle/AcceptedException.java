package dev.vigil.report.bundle;

import java.time.Instant;

/**
 * A risk acceptance recorded in the evaluator: a failing control (or one resource of it) accepted by an owner, with a
 * justification, until it expired or was revoked. An auditor reads it next to the failures it covered.
 */
public record AcceptedException(String id, String controlId, String resourceKey, String owner, String justification,
                                Instant createdAt, Instant expiresAt, Instant revokedAt, String revokedBy) {

    /** When it stopped covering the failure: revoked, or expired, whichever came first. */
    public Instant endedAt() {
        return revokedAt != null && revokedAt.isBefore(expiresAt) ? revokedAt : expiresAt;
    }

    /** In force at some time in [from, to). */
    public boolean overlaps(Instant from, Instant to) {
        return createdAt.isBefore(to) && endedAt().isAfter(from);
    }
}
