package dev.vigil.common.evidence;

/** The status of a control; docs/controls.md says exactly when each applies. */
public enum ControlStatus {
    /** Fresh, complete evidence for every resource in scope, and every rule passed. */
    PASS,
    /** At least one resource in scope failed a rule, with no active exception covering it. */
    FAIL,
    /** The collection feeding the control failed or lacked permission: we could not look. */
    NOT_EVALUATED,
    /** The newest evidence (or a required document) is older than the control's freshness window. */
    STALE,
    /**
     * A control evidenced both ways whose automated part is evidenced (its rules pass, or every failure is accepted)
     * while a document it requires was never uploaded: not yet evidence that it operates, but not "nothing collected".
     */
    DOCUMENT_MISSING,
    /** Nothing was ever collected (or uploaded) for the control. */
    NO_EVIDENCE,
    /** Every failure is covered by an active, unexpired exception (risk acceptance). */
    EXCEPTED,
    /** Out of scope by a recorded scoping decision. */
    NOT_APPLICABLE
}
