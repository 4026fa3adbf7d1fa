package dev.vigil.evaluator.domain;

public enum Outcome {
    PASS,
    FAIL,
    /** The rule does not apply to this resource (an archived repository, a suspended user). */
    NOT_APPLICABLE,
    /** The evidence lacks what the rule needs: never counted as a pass. */
    UNKNOWN
}
