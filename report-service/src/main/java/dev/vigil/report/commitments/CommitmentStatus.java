package dev.vigil.report.commitments;

/** Whether the controls behind a commitment show, right now, that it is kept. */
public enum CommitmentStatus {
    /** Every backing control passes. */
    BACKED,
    /** No backing control fails, but at least one is not shown to pass (not evaluated, stale, no evidence,
     *  excepted, not applicable, or a status this service does not know). */
    AT_RISK,
    /** A backing control fails, or the commitment names no control at all: stated but not shown to be kept. */
    UNBACKED
}
