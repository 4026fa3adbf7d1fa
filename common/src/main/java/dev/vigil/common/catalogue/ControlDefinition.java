package dev.vigil.common.catalogue;

import java.util.List;
import java.util.Optional;

/**
 * One control of the catalogue, as data: {@code catalogue/controls.json} describes it, and
 * {@code catalogue/criteria.json} says which Trust Services Criteria it supports ({@link #criteria()} is joined
 * in by {@link Catalogue} at load time, never written in controls.json).
 *
 * @param description      what the control does, for a reader
 * @param criteria         the criteria it supports, each with why (from criteria.json)
 * @param documents        for a control evidenced by documents (MANUAL or BOTH): the document types expected,
 *                         each with how long it stays current
 * @param evidenceRequired what an auditor expects to see, in words (may be empty)
 * @param testingProcedure how an auditor tests the control (may be null)
 */
public record ControlDefinition(
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
        List<CriterionMapping> criteria,
        List<DocumentRequirement> documents,
        List<String> evidenceRequired,
        String testingProcedure) {

    public ControlDefinition {
        rules = rules == null ? List.of() : List.copyOf(rules);
        criteria = criteria == null ? List.of() : List.copyOf(criteria);
        documents = documents == null ? List.of() : List.copyOf(documents);
        evidenceRequired = evidenceRequired == null ? List.of() : List.copyOf(evidenceRequired);
    }

    /** A control with only the fields rules and statuses need, as tests build one. */
    public ControlDefinition(String id, String title, String category, String categoryName, String primaryTsc,
                             String secondaryTsc, Frequency frequency, EvidenceKind evidence, List<RuleMapping> rules) {
        this(id, title, category, categoryName, primaryTsc, secondaryTsc, frequency, evidence, rules, null, List.of(),
                List.of(), List.of(), null);
    }

    /** Evidenced (also) by rules over collected facts: AUTOMATED or BOTH. */
    public boolean automated() {
        return evidence != EvidenceKind.MANUAL;
    }

    /** Evidenced (also) by uploaded documents: MANUAL or BOTH. */
    public boolean evidencedByDocuments() {
        return evidence != EvidenceKind.AUTOMATED;
    }

    public Optional<DocumentRequirement> document(String type) {
        return documents.stream().filter(d -> d.type().equals(type)).findFirst();
    }

    /** This control also evidenced by the given rules (a manual control becomes evidenced both ways). */
    ControlDefinition withMoreRules(List<RuleMapping> extra) {
        List<RuleMapping> all = new java.util.ArrayList<>(rules);
        extra.stream().filter(e -> all.stream().noneMatch(r -> r.id().equals(e.id()))).forEach(all::add);
        EvidenceKind kind = evidence == EvidenceKind.MANUAL ? EvidenceKind.BOTH : evidence;
        return new ControlDefinition(id, title, category, categoryName, primaryTsc, secondaryTsc, frequency, kind,
                all, description, criteria, documents, evidenceRequired, testingProcedure);
    }

    ControlDefinition withCriteria(List<CriterionMapping> joined) {
        return new ControlDefinition(id, title, category, categoryName, primaryTsc, secondaryTsc, frequency, evidence,
                rules, description, joined, documents, evidenceRequired, testingProcedure);
    }
}
