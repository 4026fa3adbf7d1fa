package dev.vigil.report.access;

import java.time.Instant;

/** An observation period [from, to) an auditor may see, granted by an admin. */
public record PeriodGrant(String grantId, String principal, Instant from, Instant to, String grantedBy,
                          Instant grantedAt, Instant revokedAt, String revokedBy) {

    public boolean active() {
        return revokedAt == null;
    }

    /** Whether [periodFrom, periodTo) lies inside this grant. */
    public boolean covers(Instant periodFrom, Instant periodTo) {
        return active() && !periodFrom.isBefore(from) && !periodTo.isAfter(to);
    }
}
