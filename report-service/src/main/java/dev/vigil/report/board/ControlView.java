package dev.vigil.report.board;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.vigil.common.catalogue.EvidenceKind;
import dev.vigil.common.catalogue.Frequency;
import dev.vigil.common.evidence.ControlStatus;

import java.time.Instant;

/**
 * One row of the control list: a catalogue control merged with its latest projected status. The JSON keeps
 * the declaration order, so a reader meets the id first.
 */
@JsonPropertyOrder({"id", "title", "category", "categoryName", "primaryTsc", "secondaryTsc", "frequency", "evidence",
        "status", "evaluatedAt", "resourcesInScope", "failingResourceCount"})
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
        int failingResourceCount) {
}
