package dev.vigil.evaluator.custom;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.vigil.common.catalogue.RuleMapping;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * User-defined rules, read from every {@code *.json} file of a folder and compiled at start-up. Any problem
 * (a typo in a field name, an expression that does not compile, a rule without a justified control) stops
 * start-up with every problem listed, rather than running with a rule silently missing.
 */
public final class CustomRules {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final List<CelRule> rules;
    private final Map<String, List<RuleMapping>> mappings;

    private CustomRules(List<CelRule> rules, Map<String, List<RuleMapping>> mappings) {
        this.rules = rules;
        this.mappings = mappings;
    }

    public static CustomRules none() {
        return new CustomRules(List.of(), Map.of());
    }

    record RulesFile(List<CustomRuleDefinition> rules) {
    }

    public static CustomRules load(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("custom rules folder " + folder.toAbsolutePath() + " does not exist");
        }
        List<String> problems = new ArrayList<>();
        List<CustomRuleDefinition> definitions = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                try {
                    RulesFile parsed = MAPPER.readValue(file.toFile(), RulesFile.class);
                    definitions.addAll(parsed.rules() == null ? List.of() : parsed.rules());
                } catch (IOException e) {
                    problems.add(file.getFileName() + ": " + e.getMessage().lines().findFirst().orElse(""));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read custom rules folder " + folder, e);
        }
        return build(definitions, problems);
    }

    static CustomRules build(List<CustomRuleDefinition> definitions, List<String> problems) {
        List<CelRule> rules = new ArrayList<>();
        Map<String, List<RuleMapping>> mappings = new LinkedHashMap<>();
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
            if (d.controls().isEmpty()) {
                problems.add(name + ": maps no control; say which control it evidences and why");
            }
            for (CustomRuleDefinition.ControlMapping m : d.controls()) {
                if (m.controlId() == null || m.justification() == null || m.justification().isBlank()) {
                    problems.add(name + ": every control mapping needs a controlId and a justification");
                    continue;
                }
                mappings.computeIfAbsent(m.controlId(), k -> new ArrayList<>())
                        .add(new RuleMapping(d.id(), m.justification()));
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
        return new CustomRules(List.copyOf(rules), Map.copyOf(mappings));
    }

    public List<CelRule> rules() {
        return rules;
    }

    /** Rule mappings to add to the catalogue, by control id. */
    public Map<String, List<RuleMapping>> mappings() {
        return mappings;
    }
}
