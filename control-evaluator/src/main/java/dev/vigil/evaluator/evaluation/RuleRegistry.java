package dev.vigil.evaluator.evaluation;

import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.common.catalogue.ControlDefinition;
import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The rules that exist, checked against the catalogue: a control mapping a rule nobody implemented fails
 * start-up, rather than a control that silently passes with nothing checked.
 */
public final class RuleRegistry {
    private final Map<String, Rule> byId = new TreeMap<>();
    private final Map<String, List<Rule>> byResourceType;
    /** Which automated controls judge each resource type: looked up for every evidence record. */
    private final Map<String, Set<String>> controlsByResourceType = new TreeMap<>();

    public RuleRegistry(Collection<? extends Rule> rules, Catalogue catalogue) {
        for (Rule r : rules) {
            if (byId.putIfAbsent(r.id(), r) != null) {
                throw new IllegalStateException("two rules share the id " + r.id());
            }
        }
        Set<String> missing = new TreeSet<>(catalogue.referencedRules());
        missing.removeAll(byId.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the catalogue maps rules that do not exist: " + missing);
        }
        byResourceType = byId.values().stream().collect(Collectors.groupingBy(Rule::resourceType));
        for (ControlDefinition c : catalogue.controls()) {
            resourceTypesOf(c).forEach(type ->
                    controlsByResourceType.computeIfAbsent(type, t -> new TreeSet<>()).add(c.id()));
        }
    }

    /** The controls whose rules judge this resource type. */
    public Set<String> controlsJudging(String resourceType) {
        return controlsByResourceType.getOrDefault(resourceType, Set.of());
    }

    public Rule rule(String id) {
        return byId.get(id);
    }

    /** Every rule over this resource type judges the facts; the result is keyed by rule id. */
    public Map<String, Verdict> judge(String resourceType, Map<String, Object> facts) {
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        Facts f = new Facts(facts);
        byResourceType.getOrDefault(resourceType, List.of()).forEach(r -> verdicts.put(r.id(), r.evaluate(f)));
        return verdicts;
    }

    /** The resource types a control's rules judge. */
    public Set<String> resourceTypesOf(ControlDefinition control) {
        return control.rules().stream().map(m -> byId.get(m.id()).resourceType())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
