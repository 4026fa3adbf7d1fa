package dev.vigil.report.upload;

import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.common.catalogue.ControlDefinition;
import dev.vigil.common.catalogue.DocumentRequirement;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Decides whether an uploaded document can become evidence: a control the catalogue evidences by documents, a
 * document type it lists, an effective date that has already come, a named approver, and a non-empty file no
 * larger than the configured maximum. Plain Java over the catalogue and a clock.
 */
public final class UploadValidator {
    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_FILE_NAME_LENGTH = 255;
    static final String DEFAULT_MEDIA_TYPE = "application/octet-stream";
    /**
     * The latest time zone. A document dated "today" by someone in Kiribati is not in the future, even when it
     * is still yesterday in UTC; anything later than that really is.
     */
    private static final ZoneOffset EARLIEST_TODAY = ZoneOffset.ofHours(14);
    private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*");

    private final Catalogue catalogue;
    private final Clock clock;
    private final long maxSizeBytes;

    public UploadValidator(Catalogue catalogue, Clock clock, long maxSizeBytes) {
        this.catalogue = catalogue;
        this.clock = clock;
        this.maxSizeBytes = maxSizeBytes;
    }

    /** @throws InvalidUploadException naming every problem found */
    public ValidUpload validate(UploadForm form) {
        List<String> problems = new ArrayList<>();
        String controlId = trimmed(form.controlId());
        String documentType = trimmed(form.documentType());
        Optional<ControlDefinition> control = control(controlId, problems);
        control.ifPresent(c -> checkDocumentType(c, documentType, problems));
        LocalDate effectiveDate = effectiveDate(trimmed(form.effectiveDate()), problems);
        String approver = name("approver", form.approver(), true, problems);
        String uploadedBy = name("uploadedBy", form.uploadedBy(), false, problems);
        String fileName = fileName(form.fileName());
        if (fileName.length() > MAX_FILE_NAME_LENGTH) {
            problems.add("the file name is longer than " + MAX_FILE_NAME_LENGTH + " characters");
        }
        boolean tooLarge = false;
        if (form.sizeBytes() < 0) {
            problems.add("file is required (a multipart part named 'file')");
        } else if (form.sizeBytes() == 0) {
            problems.add("the file is empty");
        } else if (form.sizeBytes() > maxSizeBytes) {
            tooLarge = true;
            problems.add("the file is " + form.sizeBytes() + " bytes, more than the maximum of " + maxSizeBytes
                    + " bytes");
        }
        if (!problems.isEmpty()) {
            throw new InvalidUploadException(problems, tooLarge);
        }
        return new ValidUpload(controlId, documentType, effectiveDate, approver, uploadedBy, fileName,
                mediaType(form.mediaType()), form.sizeBytes());
    }

    private Optional<ControlDefinition> control(String controlId, List<String> problems) {
        if (controlId == null) {
            problems.add("controlId is required");
            return Optional.empty();
        }
        Optional<ControlDefinition> control = catalogue.control(controlId);
        if (control.isEmpty()) {
            problems.add("unknown control '" + controlId + "'");
        } else if (!control.get().evidencedByDocuments()) {
            problems.add("control " + controlId + " is evidenced automatically (" + control.get().evidence()
                    + "); it takes no uploaded documents");
            return Optional.empty();
        }
        return control;
    }

    private static void checkDocumentType(ControlDefinition control, String documentType, List<String> problems) {
        if (documentType == null) {
            problems.add("documentType is required; " + control.id() + " takes " + types(control));
        } else if (control.document(documentType).isEmpty()) {
            problems.add("document type '" + documentType + "' is not listed for " + control.id() + "; it takes "
                    + types(control));
        }
    }

    private static String types(ControlDefinition control) {
        return control.documents().stream().map(DocumentRequirement::type).collect(Collectors.joining(", "));
    }

    private LocalDate effectiveDate(String value, List<String> problems) {
        if (value == null) {
            problems.add("effectiveDate is required (an ISO date, YYYY-MM-DD)");
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            problems.add("effectiveDate '" + value + "' is not an ISO date (YYYY-MM-DD)");
            return null;
        }
        if (date.isAfter(LocalDate.ofInstant(clock.instant(), EARLIEST_TODAY))) {
            problems.add("effectiveDate " + date + " is in the future; a document becomes evidence once it is in effect");
        }
        return date;
    }

    private static String name(String field, String value, boolean required, List<String> problems) {
        String name = trimmed(value);
        if (name == null && required) {
            problems.add(field + " is required");
        } else if (name != null && name.length() > MAX_NAME_LENGTH) {
            problems.add(field + " is longer than " + MAX_NAME_LENGTH + " characters");
        }
        return name;
    }

    /** Browsers may send a client path ("C:\fakepath\review.pdf"); only the last segment names the file. */
    static String fileName(String raw) {
        String name = raw == null ? "" : raw.trim();
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).trim();
        return name.isEmpty() ? "upload" : name;
    }

    /** The declared type without parameters, or octet-stream when the browser sent none or nonsense. */
    static String mediaType(String raw) {
        if (raw == null) {
            return DEFAULT_MEDIA_TYPE;
        }
        String type = raw.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return MEDIA_TYPE.matcher(type).matches() ? type : DEFAULT_MEDIA_TYPE;
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
