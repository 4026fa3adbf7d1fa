package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the Okta policy rules read alike: how a verdict names a policy, and which of its rules Okta applies. */
final class OktaPolicies {
    private OktaPolicies() {
    }

    /** {@code <kind> policy "<name>"}, and whether it is the org's default policy. */
    static String named(String kind, Facts facts) {
        return kind + " policy \"" + facts.string("name") + "\""
                + (Boolean.TRUE.equals(facts.values().get("default")) ? " (the default policy)" : "");
    }

    /** An inactive policy governs no one. */
    static boolean active(Facts facts) {
        return "ACTIVE".equals(facts.string("status"));
    }

    /** The policy's active rules, in priority order: Okta applies no other. */
    static List<Map<?, ?>> activeRules(Facts facts) {
        List<Map<?, ?>> rules = new ArrayList<>();
        for (Object item : facts.list("rules")) {
            if (item instanceof Map<?, ?> rule && "ACTIVE".equals(rule.get("status"))) {
                rules.add(rule);
            }
        }
        return rules;
    }
}
