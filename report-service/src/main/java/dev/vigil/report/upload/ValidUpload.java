package dev.vigil.report.upload;

import java.time.LocalDate;

/** An upload that passed validation, normalized: trimmed names, a file name without client path, a usable media type. */
public record ValidUpload(
        String controlId,
        String documentType,
        LocalDate effectiveDate,
        String approver,
        String uploadedBy,
        String fileName,
        String mediaType,
        long sizeBytes) {
}
