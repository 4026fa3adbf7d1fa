package dev.vigil.report.board;

import dev.vigil.common.evidence.Times;

import java.time.Instant;

/**
 * Decides whether an incoming status replaces the stored one. Only a strictly newer status wins, so a redelivered,
 * duplicate or out-of-order event changes nothing.
 *
 * <p>Newer is by the control's status version when both carry one: the evaluator numbers a control's statuses under
 * that control's lock, so the version orders them even where evaluation times would not (two instances' clocks).
 * Within one version the later evaluation wins: the evaluator publishes before it records, and should the record fail
 * after the broker took the event, the next evaluation publishes that version again, later, and records it. An event
 * without a version (published before versions existed), or a stored status without one, falls back to evaluation
 * time.
 */
public final class ProjectionRule {
    private ProjectionRule() {
    }

    /** How an incoming status compares with the stored one. */
    public enum Precedence {
        /** Newer: it replaces the stored status. */
        NEWER,
        /** Its version is below the stored one's, or the same version evaluated no later: a stale delivery. */
        STALE_VERSION,
        /** Without versions to compare, it was evaluated no later than the stored status. */
        STALE_EVALUATION;

        public boolean supersedes() {
            return this == NEWER;
        }
    }

    /**
     * @param incomingVersion the incoming event's version, null if it has none
     * @param storedVersion   the stored status's version, null if it has none
     * @param stored          when the stored status was evaluated, null if none is stored
     */
    public static Precedence compare(Long incomingVersion, Instant incoming, Long storedVersion, Instant stored) {
        if (stored == null) {
            return Precedence.NEWER;
        }
        if (incomingVersion != null && storedVersion != null) {
            int byVersion = Long.compare(incomingVersion, storedVersion);
            return byVersion > 0 || byVersion == 0 && supersedes(incoming, stored)
                    ? Precedence.NEWER : Precedence.STALE_VERSION;
        }
        return supersedes(incoming, stored) ? Precedence.NEWER : Precedence.STALE_EVALUATION;
    }

    /**
     * PostgreSQL keeps microseconds, so the incoming time is compared at that precision; otherwise a
     * replay of an event carrying nanoseconds would look newer than its own stored copy.
     */
    public static boolean supersedes(Instant incoming, Instant stored) {
        return stored == null || Times.micros(incoming).isAfter(stored);
    }
}
