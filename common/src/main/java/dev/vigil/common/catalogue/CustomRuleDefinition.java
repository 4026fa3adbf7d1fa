package dev.vigil.common.catalogue;

import java.util.List;

/**
 * One user-defined rule as written in a {@code *.rules.json} file of the custom catalogue folder (docs/controls.md,
 * "Your own controls and rules"). Its CEL expressions are compiled by the control evaluator.
 *
 * @param controls the controls this rule evidences, each with the justification an auditor reads
 */
public record CustomRuleDefinition(
        String id,
        String resourceType,
        String description,
        String appliesWhen,
        String passWhen,
        String passReason,
        String failReason,
        String notApplicableReason,
        List<ControlMapping> controls) {

    public CustomRuleDefinition {
        controls = controls == null ? List.of() : List.copyOf(controls);
    }

    public record ControlMapping(String controlId, String justification) {
    }
}
