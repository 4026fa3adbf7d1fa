package dev.vigil.report.history;

import java.util.Set;

/**
 * How history and commitments read a status, by name. Only PASS shows a control operating; only FAIL is an
 * exception; STALE, DOCUMENT_MISSING, NO_EVIDENCE and NOT_EVALUATED mean nobody could tell (a gap): a control whose
 * rules pass but whose required document is missing is not shown to operate, and it did not fail either. Anything
 * else (EXCEPTED, NOT_APPLICABLE, or a status added later) is neither: it is reported as it is, and never counted
 * as passing.
 */
public final class Statuses {
    public static final String PASS = "PASS";
    public static final String FAIL = "FAIL";
    public static final String NO_EVIDENCE = "NO_EVIDENCE";
    public static final String EXCEPTED = "EXCEPTED";
    public static final String DOCUMENT_MISSING = "DOCUMENT_MISSING";
    private static final Set<String> GAPS = Set.of("STALE", DOCUMENT_MISSING, NO_EVIDENCE, "NOT_EVALUATED");

    private Statuses() {
    }

    public static boolean isGap(String status) {
        return GAPS.contains(status);
    }
}
