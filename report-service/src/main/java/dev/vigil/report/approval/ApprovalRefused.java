package dev.vigil.report.approval;

/** A request or decision the approval rules refuse, with a sentence saying why and what to do instead. */
public class ApprovalRefused extends RuntimeException {
    /** Why: the HTTP status follows from it (400, 404, 409). */
    public enum Why { INVALID, NOT_FOUND, CONFLICT, EVALUATOR_FAILED }

    private final Why why;

    public ApprovalRefused(Why why, String message) {
        super(message);
        this.why = why;
    }

    public Why why() {
        return why;
    }
}
