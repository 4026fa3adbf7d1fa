package dev.vigil.common.catalogue;

/** A Trust Services Criterion a control supports (id such as {@code CC6.1}), with the one-line justification. */
public record CriterionMapping(String id, String justification) {
}
