package dev.vigil.report.alerts;

/** What an alert tells: a control started failing, passes again, or could not be evaluated for too long. */
public enum Transition {
    PASS_TO_FAIL("PASS → FAIL"),
    FAIL_TO_PASS("FAIL → PASS"),
    NOT_EVALUATED("NOT_EVALUATED");

    private final String label;

    Transition(String label) {
        this.label = label;
    }

    /** As people read it in a message, e.g. {@code PASS → FAIL}. */
    public String label() {
        return label;
    }
}
