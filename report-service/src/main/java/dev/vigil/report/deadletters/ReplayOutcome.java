package dev.vigil.report.deadletters;

/**
 * What replaying one dead letter came to.
 *
 * @param detail for humans: where it went, when and by whom it was replayed before, or why the id is unknown
 * @param replay the replay (this one, or the earlier one); null for an unknown id
 */
public record ReplayOutcome(String id, Result result, String detail, Replay replay) {
    public enum Result {
        /** Published to its original topic now, and recorded. */
        REPLAYED,
        /** Replayed before: nothing published. */
        ALREADY_REPLAYED,
        /** Not a dead letter of a configured dead-letter topic (or no longer kept there): nothing published. */
        UNKNOWN
    }

    static ReplayOutcome replayed(Replay r) {
        return new ReplayOutcome(r.deadLetterId(), Result.REPLAYED, "replayed to " + r.target(), r);
    }

    static ReplayOutcome alreadyReplayed(Replay r) {
        return new ReplayOutcome(r.deadLetterId(), Result.ALREADY_REPLAYED, "already replayed at " + r.replayedAt()
                + " by " + r.replayedBy() + " to " + r.target(), r);
    }

    static ReplayOutcome unknown(String id, String why) {
        return new ReplayOutcome(id, Result.UNKNOWN, why, null);
    }
}
