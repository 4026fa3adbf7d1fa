package dev.vigil.report.board;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.vigil.common.catalogue.CriterionMapping;
import dev.vigil.common.catalogue.EvidenceKind;
import dev.vigil.common.catalogue.Frequency;
import dev.vigil.common.catalogue.RuleMapping;
import dev.vigil.common.evidence.AutomatedPart;
import dev.vigil.common.evidence.ControlStatus;
import dev.vigil.common.evidence.DocumentPart;
import dev.vigil.common.evidence.FailingResource;

import java.time.Instant;
import java.util.List;

/**
 * A control with everything an auditor needs to judge it: its rules, its status and its parts, and why. The JSON
 * keeps the declaration order, so a reader meets the id first.
 *
 * @param automated what the control's rules alone say; absent for a control without rules
 * @param documents its required documents: present, missing, expired; absent for a control that requires none
 */
@JsonPropertyOrder({"id", "title", "description", "category", "categoryName", "primaryTsc", "secondaryTsc", "frequency",
        "evidence", "status", "evaluatedAt", "resourcesInScope", "failingResourceCount", "automated", "documents", "rules",
        "criteria", "reason", "failingResources"})
public record ControlDetail(
        String id,
        String title,
        String category,
        String categoryName,
        String primaryTsc,
        String secondaryTsc,
        Frequency frequency,
        EvidenceKind evidence,
        ControlStatus status,
        Instant evaluatedAt,
        Integer resourcesInScope,
        int failingResourceCount,
        List<RuleMapping> rules,
        String reason,
        List<FailingResource> failingResources,
        String description,
        List<CriterionMapping> criteria,
        @JsonInclude(JsonInclude.Include.NON_NULL) AutomatedPart automated,
        @JsonInclude(JsonInclude.Include.NON_NULL) DocumentPart documents) {
}
