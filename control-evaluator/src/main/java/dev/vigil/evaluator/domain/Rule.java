package dev.vigil.evaluator.domain;

/**
 * One check of one resource's normalized facts. A rule never calls an API and never sees other resources:
 * the catalogue maps rules to controls, and {@link ControlEvaluator} aggregates them.
 */
public interface Rule {
    /** Stable id the catalogue refers to, e.g. {@code aws.s3.default-encryption}. */
    String id();

    /** The evidence resource type this rule judges, e.g. {@code aws.s3.bucket}. */
    String resourceType();

    /** What the rule asserts, in one sentence. */
    String description();

    Verdict judge(Facts facts);

    /** Judges, turning a missing or mistyped fact into UNKNOWN (never a pass). */
    default Verdict evaluate(Facts facts) {
        try {
            return judge(facts);
        } catch (Facts.MissingFactException e) {
            return Verdict.unknown(e.getMessage());
        }
    }
}
