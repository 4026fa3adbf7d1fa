package dev.vigil.common.catalogue;

/** A rule that supports a control, with the one-line justification an auditor reads. */
public record RuleMapping(String id, String justification) {
}
