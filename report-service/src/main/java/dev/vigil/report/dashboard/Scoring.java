package dev.vigil.report.dashboard;

/**
 * How a status counts towards a score, by name (history keeps statuses by name). Only PASS shows a control
 * operating; EXCEPTED is an accepted failure and STALE, DOCUMENT_MISSING, NO_EVIDENCE, NOT_EVALUATED mean nobody
 * could tell, so none of them passes. NOT_APPLICABLE is left out of the count altogether.
 */
public final class Scoring {
    static final String PASS = "PASS";
    static final String NOT_APPLICABLE = "NOT_APPLICABLE";

    private Scoring() {
    }

    public static boolean counts(String status) {
        return !NOT_APPLICABLE.equals(status);
    }

    public static boolean passes(String status) {
        return PASS.equals(status);
    }
}
