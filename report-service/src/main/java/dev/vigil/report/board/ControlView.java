package dev.vigil.report.board;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.vigil.common.catalogue.EvidenceKind;
import dev.vigil.common.catalogue.Frequency;
import dev.vigil.common.evidence.AutomatedPart;
import dev.vigil.common.evidence.ControlStatus;
import dev.vigil.common.evidence.DocumentPart;

import java.time.Instant;

/**
 * One row of the control list: a catalogue control merged with its latest projected status. The JSON keeps
 * the declaration order, so a reader meets the id first.
 *
 * @param automated what the control's rules alone say; absent for a control without rules, or not yet reported on
 *                  with its parts
 * @param documents its required documents: present, missing, expired; absent for a control that requires none
 */
@JsonPropertyOrder({"id", "title", "category", "categoryName", "primaryTsc", "secondaryTsc", "frequency", "evidence",
        "status", "evaluatedAt", "resourcesInScope", "failingResourceCount", "automated", "documents"})
public record ControlView(
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
        @JsonInclude(JsonInclude.Include.NON_NULL) AutomatedPart automated,
        @JsonInclude(JsonInclude.Include.NON_NULL) DocumentPart documents) {
}
