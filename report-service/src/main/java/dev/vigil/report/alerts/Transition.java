package dev.vigil.report.alerts;

/**
 * What an alert tells: a control started failing, passes again, or could not be evaluated for too long; or, not a
 * status change, an access review's reminder to a reviewer or its overdue notice (docs/access-reviews.md#reminders).
 */
public enum Transition {
    PASS_TO_FAIL("PASS → FAIL"),
    FAIL_TO_PASS("FAIL → PASS"),
    NOT_EVALUATED("NOT_EVALUATED"),
    REVIEW_REMINDER("access review reminder"),
    REVIEW_OVERDUE("access review overdue");

    private final String label;

    Transition(String label) {
        this.label = label;
    }

    /** A notice about an access review rather than a change of the control's status. */
    public boolean review() {
        return this == REVIEW_REMINDER || this == REVIEW_OVERDUE;
    }

    /** As people read it in a message, e.g. {@code PASS → FAIL}. */
    public String label() {
        return label;
    }
}
