package dev.vigil.common.catalogue;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * The shape of the two catalogue files, exactly as written. Kept apart from the domain records so that the
 * loader can tell what the file says from what it derives: a document's {@code maxAgeDays} left out (take the
 * control's frequency) is not the same as {@code "maxAgeDays": null} (never expires), and a control's criteria
 * come from criteria.json, so controls.json cannot carry them.
 */
final class CatalogueFiles {
    private CatalogueFiles() {
    }

    record ControlsFile(String version, List<ControlEntry> controls) {
    }

    record ControlEntry(
            String id,
            String title,
            String category,
            String categoryName,
            String primaryTsc,
            String secondaryTsc,
            Frequency frequency,
            EvidenceKind evidence,
            List<RuleMapping> rules,
            String description,
            List<DocumentEntry> documents,
            List<String> evidenceRequired,
            String testingProcedure) {
    }

    /**
     * {@code maxAgeDays} is a JsonNode so that "absent" (Java null) and "explicitly null" (a NullNode) differ.
     */
    record DocumentEntry(String type, JsonNode maxAgeDays, String description) {
    }

    record CriteriaFile(List<CriterionEntry> criteria) {
    }

    record CriterionEntry(String id, String series, String title, String description,
                          List<SupportingControl> controls) {
    }
}
