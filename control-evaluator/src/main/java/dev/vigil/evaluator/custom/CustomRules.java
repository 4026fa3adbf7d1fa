package dev.vigil.evaluator.custom;

import dev.vigil.common.catalogue.CustomRuleDefinition;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * User-defined CEL rules of the custom catalogue folder, compiled at start-up. Any problem (an expression that
 * does not compile, a rule without a justified control) stops start-up with every problem listed, rather than
 * running with a rule silently missing.
 */
public final class CustomRules {
    private final List<CelRule> rules;

    private CustomRules(List<CelRule> rules) {
        this.rules = rules;
    }

    public static CustomRules compile(List<CustomRuleDefinition> definitions) {
        List<String> problems = new ArrayList<>();
        List<CelRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (CustomRuleDefinition d : definitions) {
            String name = d.id() == null ? "a custom rule" : "custom rule " + d.id();
            if (d.id() == null || d.id().isBlank() || d.resourceType() == null || d.passWhen() == null
                    || d.description() == null) {
                problems.add(name + ": id, resourceType, description and passWhen are required");
                continue;
            }
            if (!ids.add(d.id())) {
                problems.add(name + ": defined twice");
            }
            for (CustomRuleDefinition.ControlMapping m : d.controls()) {
                if (m.controlId() == null || m.justification() == null || m.justification().isBlank()) {
                    problems.add(name + ": every control mapping needs a controlId and a justification");
                }
            }
            try {
                rules.add(CelRule.compile(d));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid custom rules: " + String.join("; ", problems));
        }
        return new CustomRules(List.copyOf(rules));
    }

    public List<CelRule> rules() {
        return rules;
    }
}
