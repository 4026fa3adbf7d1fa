package dev.vigil.common.catalogue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.vigil.common.catalogue.CatalogueFiles.ControlEntry;
import dev.vigil.common.catalogue.CatalogueFiles.ControlsFile;
import dev.vigil.common.catalogue.CatalogueFiles.CriteriaFile;
import dev.vigil.common.catalogue.CatalogueFiles.CriterionEntry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A user's own controls, criteria mappings and rules, read from one folder so that adding a control needs no
 * recompilation: {@code *.controls.json} (the shape of controls.json), {@code *.criteria.json} (the shape of
 * criteria.json: new criteria, or more controls for a shipped one) and {@code *.rules.json} (CEL rules with the
 * controls they evidence). Custom controls and mappings are validated together with the shipped ones.
 */
public final class CustomCatalogue {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final List<ControlEntry> controls;
    private final List<CriterionEntry> criteria;
    private final List<CustomRuleDefinition> rules;

    private CustomCatalogue(List<ControlEntry> controls, List<CriterionEntry> criteria, List<CustomRuleDefinition> rules) {
        this.controls = controls;
        this.criteria = criteria;
        this.rules = rules;
    }

    record RulesFile(List<CustomRuleDefinition> rules) {
    }

    public static CustomCatalogue empty() {
        return new CustomCatalogue(List.of(), List.of(), List.of());
    }

    public static CustomCatalogue read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("custom catalogue folder " + folder.toAbsolutePath() + " does not exist");
        }
        List<ControlEntry> controls = new ArrayList<>();
        List<CriterionEntry> criteria = new ArrayList<>();
        List<CustomRuleDefinition> rules = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                try {
                    if (name.endsWith(".controls.json")) {
                        ControlsFile file = MAPPER.readValue(f.toFile(), ControlsFile.class);
                        controls.addAll(file.controls() == null ? List.of() : file.controls());
                    } else if (name.endsWith(".criteria.json")) {
                        CriteriaFile file = MAPPER.readValue(f.toFile(), CriteriaFile.class);
                        criteria.addAll(file.criteria() == null ? List.of() : file.criteria());
                    } else if (name.endsWith(".rules.json")) {
                        RulesFile file = MAPPER.readValue(f.toFile(), RulesFile.class);
                        rules.addAll(file.rules() == null ? List.of() : file.rules());
                    }
                } catch (IOException e) {
                    problems.add(name + ": " + e.getMessage().lines().findFirst().orElse(""));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read custom catalogue folder " + folder, e);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid custom catalogue: " + String.join("; ", problems));
        }
        return new CustomCatalogue(List.copyOf(controls), List.copyOf(criteria), List.copyOf(rules));
    }

    public List<CustomRuleDefinition> rules() {
        return rules;
    }

    public boolean isEmpty() {
        return controls.isEmpty() && criteria.isEmpty() && rules.isEmpty();
    }

    /** The shipped controls followed by the custom ones. */
    ControlsFile mergeControls(ControlsFile shipped) {
        List<ControlEntry> all = new ArrayList<>(shipped.controls());
        all.addAll(controls);
        return new ControlsFile(isEmpty() ? shipped.version() : shipped.version() + "+custom", all);
    }

    /** Shipped criteria with custom mappings added; a criterion id not shipped is a new criterion. */
    CriteriaFile mergeCriteria(CriteriaFile shipped) {
        Map<String, CriterionEntry> byId = new LinkedHashMap<>();
        shipped.criteria().forEach(c -> byId.put(c.id(), c));
        for (CriterionEntry extra : criteria) {
            CriterionEntry base = byId.get(extra.id());
            if (base == null) {
                byId.put(extra.id(), extra);
            } else {
                List<SupportingControl> merged = new ArrayList<>(base.controls());
                merged.addAll(extra.controls() == null ? List.of() : extra.controls());
                byId.put(base.id(), new CriterionEntry(base.id(), base.series(), base.title(), base.description(), merged));
            }
        }
        return new CriteriaFile(List.copyOf(byId.values()));
    }

    /** Rule mappings the custom rules add, by control id. */
    Map<String, List<RuleMapping>> ruleMappings() {
        Map<String, List<RuleMapping>> byControl = new LinkedHashMap<>();
        for (CustomRuleDefinition r : rules) {
            for (CustomRuleDefinition.ControlMapping m : r.controls()) {
                byControl.computeIfAbsent(m.controlId(), k -> new ArrayList<>()).add(new RuleMapping(r.id(), m.justification()));
            }
        }
        return byControl;
    }
}
