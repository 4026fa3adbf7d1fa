package dev.vigil.report.policy;

import java.time.Instant;
import java.util.List;

/**
 * A policy as it stands: what it is called, who owns (approves) it and which controls it backs; {@code revision}
 * counts its changes.
 */
public record Policy(String policyId, int revision, String title, String owner, List<String> controls, String changedBy,
                     Instant changedAt) {
}
