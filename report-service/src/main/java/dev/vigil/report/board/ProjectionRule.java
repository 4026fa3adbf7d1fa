package dev.vigil.report.board;

import dev.vigil.common.evidence.Times;

import java.time.Instant;

/**
 * Decides whether an incoming status replaces the stored one. Only a strictly newer evaluation wins,
 * so a redelivered or out-of-order event changes nothing.
 */
public final class ProjectionRule {
    private ProjectionRule() {
    }

    /**
     * PostgreSQL keeps microseconds, so the incoming time is compared at that precision; otherwise a
     * replay of an event carrying nanoseconds would look newer than its own stored copy.
     */
    public static boolean supersedes(Instant incoming, Instant stored) {
        return stored == null || Times.micros(incoming).isAfter(stored);
    }
}
