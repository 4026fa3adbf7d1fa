package dev.vigil.report.upload;

/**
 * What an upload form carried, as received: every field may be missing or malformed until
 * {@link UploadValidator} has looked at it.
 *
 * @param fileName  the name the browser gave the file part (may hold a client path)
 * @param mediaType the file part's content type, as the browser declared it
 * @param sizeBytes the file's size; negative when no file part was sent
 */
public record UploadForm(
        String controlId,
        String documentType,
        String effectiveDate,
        String approver,
        String uploadedBy,
        String fileName,
        String mediaType,
        long sizeBytes) {
}
