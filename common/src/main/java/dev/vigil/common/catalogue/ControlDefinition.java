package dev.vigil.common.catalogue;

import java.util.List;

/** One control of the catalogue, as data (common/src/main/resources/catalogue/controls.json). */
public record ControlDefinition(
        String id,
        String title,
        String category,
        String categoryName,
        String primaryTsc,
        String secondaryTsc,
        Frequency frequency,
        EvidenceKind evidence,
        List<RuleMapping> rules) {

    public ControlDefinition {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    public boolean automated() {
        return evidence != EvidenceKind.MANUAL;
    }
}
