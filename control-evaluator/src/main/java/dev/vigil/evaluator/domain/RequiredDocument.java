package dev.vigil.evaluator.domain;

/**
 * A document type that evidences a manual control. A null {@code type} accepts any document type; a null
 * {@code maxAgeDays} never expires (a signed agreement).
 */
public record RequiredDocument(String type, Integer maxAgeDays) {
}
