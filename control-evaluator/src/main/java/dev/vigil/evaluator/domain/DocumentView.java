package dev.vigil.evaluator.domain;

import java.time.LocalDate;

/** An uploaded document as evidence of a manual control. */
public record DocumentView(String resourceKey, String documentType, LocalDate effectiveDate, String evidenceId,
                           String approver) {
}
