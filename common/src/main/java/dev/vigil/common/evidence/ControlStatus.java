package dev.vigil.common.evidence;

/** The status of a control; docs/controls.md says exactly when each applies. */
public enum ControlStatus {
    /** Fresh, complete evidence for every resource in scope, and every rule passed. */
    PASS,
    /** At least one resource in scope failed a rule. */
    FAIL,
    /** The collection feeding the control failed or lacked permission: we could not look. */
    NOT_EVALUATED,
    /** Nothing was ever collected for the control. */
    NO_EVIDENCE
}
