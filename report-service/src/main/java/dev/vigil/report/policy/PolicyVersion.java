package dev.vigil.report.policy;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One version of a policy: its document (in the evidence store by sha256), the day it takes effect, who wrote it
 * down, and who approved it and when ({@code approvedBy} null: not approved, so not the policy people follow).
 */
public record PolicyVersion(String policyId, int version, String documentSha256, LocalDate effectiveDate,
                            String recordedBy, Instant recordedAt, String approvedBy, Instant approvedAt) {
    public boolean approved() {
        return approvedBy != null;
    }
}
