package dev.vigil.report.policy;

import java.time.Instant;

/**
 * A person's acknowledgement of one version: when they acknowledged it, and how it was recorded: {@code self} by the
 * signed-in person themself, {@code csv} imported from an HR or learning system's export by {@code recordedBy}.
 */
public record Acknowledgement(String policyId, int version, String person, Instant acknowledgedAt, String recordedBy,
                              Instant recordedAt, String via) {
    public static final String SELF = "self";
    public static final String CSV = "csv";
}
