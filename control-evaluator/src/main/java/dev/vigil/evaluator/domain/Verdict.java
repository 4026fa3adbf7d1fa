package dev.vigil.evaluator.domain;

/** A rule's judgement of one resource, with the reason a person reads. */
public record Verdict(Outcome outcome, String reason) {
    public static Verdict pass(String reason) {
        return new Verdict(Outcome.PASS, reason);
    }

    public static Verdict fail(String reason) {
        return new Verdict(Outcome.FAIL, reason);
    }

    public static Verdict notApplicable(String reason) {
        return new Verdict(Outcome.NOT_APPLICABLE, reason);
    }

    public static Verdict unknown(String reason) {
        return new Verdict(Outcome.UNKNOWN, reason);
    }
}
