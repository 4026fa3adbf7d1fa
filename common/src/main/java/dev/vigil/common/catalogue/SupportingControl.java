package dev.vigil.common.catalogue;

/** A control that supports a criterion, with the one-line justification an auditor reads. */
public record SupportingControl(String control, String justification) {
}
