package dev.vigil.report.review;

import java.util.Map;

/**
 * One account or privilege holder as the evaluator currently holds it (a resource in scope and its facts), the input
 * a campaign is generated from and the closed loop re-checked against.
 */
public record CollectedAccount(String resourceType, String source, String resourceKey, String evidenceId,
                               Map<String, Object> facts) {
    public CollectedAccount {
        facts = facts == null ? Map.of() : facts;
    }

    String text(String name) {
        return facts.get(name) instanceof String v && !v.isBlank() ? v : null;
    }

    boolean flag(String name) {
        return Boolean.TRUE.equals(facts.get(name));
    }
}
