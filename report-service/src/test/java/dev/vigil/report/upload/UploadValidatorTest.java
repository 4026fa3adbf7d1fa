package dev.vigil.report.upload;

import dev.vigil.common.catalogue.Catalogue;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class UploadValidatorTest {
    private static final Catalogue CATALOGUE = Catalogue.loadDefault();
    /** 10:00 UTC on 23 November: already 24 November in UTC+14, still 23 November everywhere west of that. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private static final long MAX = 1000;
    private final UploadValidator validator = new UploadValidator(CATALOGUE, CLOCK, MAX);

    private static UploadForm form(String controlId, String type, String date) {
        return new UploadForm(controlId, type, date, "Dana Reviewer", "sam@acme.example", "q4-review.pdf",
                "application/pdf", 120);
    }

    @Test
    void acceptsADocumentTheControlLists() {
        ValidUpload ok = validator.validate(new UploadForm(" CM-01 ", "access-review", "2026-11-20", " Dana Reviewer ",
                null, "C:\\fakepath\\q4-review.pdf", "Application/PDF; name=q4-review.pdf", 120));
        assertThat(ok).isEqualTo(new ValidUpload("CM-01", "access-review", LocalDate.parse("2026-11-20"),
                "Dana Reviewer", null, "q4-review.pdf", "application/pdf", 120));
    }

    @Test
    void acceptsADateThatIsTodaySomewhere() {
        assertThat(validator.validate(form("SOC2-S1-SECURITY-COMMITMENTS", "customer-dpa", "2026-11-24"))
                .effectiveDate()).isEqualTo(LocalDate.parse("2026-11-24"));
    }

    @Test
    void refusesAFutureDate() {
        assertThatThrownBy(() -> validator.validate(form("CM-01", "access-review", "2026-11-25")))
                .isInstanceOf(InvalidUploadException.class)
                .hasMessageContaining("effectiveDate 2026-11-25 is in the future");
    }

    @Test
    void refusesADateThatIsNotIso() {
        assertThatThrownBy(() -> validator.validate(form("CM-01", "access-review", "20/11/2026")))
                .hasMessageContaining("effectiveDate '20/11/2026' is not an ISO date (YYYY-MM-DD)");
    }

    @Test
    void refusesADocumentTypeTheControlDoesNotList() {
        assertThatThrownBy(() -> validator.validate(form("SOC2-S1-SECURITY-COMMITMENTS", "risk-assessment",
                "2026-11-20")))
                .hasMessageContaining("document type 'risk-assessment' is not listed for SOC2-S1-SECURITY-COMMITMENTS;"
                        + " it takes trust-page, customer-dpa, commitment-review, incident-notification-sla");
    }

    @Test
    void refusesAnAutomatedOrUnknownControl() {
        assertThatThrownBy(() -> validator.validate(form("LS-01", "anything", "2026-11-20")))
                .hasMessageContaining("control LS-01 is evidenced automatically (AUTOMATED); it takes no uploaded documents")
                .hasMessageNotContaining("document type");
        assertThatThrownBy(() -> validator.validate(form("XX-9", "access-review", "2026-11-20")))
                .hasMessageContaining("unknown control 'XX-9'");
    }

    @Test
    void refusesAnEmptyMissingOrTooLargeFile() {
        UploadForm empty = new UploadForm("CM-01", "access-review", "2026-11-20", "Dana", null, "a.pdf", null, 0);
        assertThatThrownBy(() -> validator.validate(empty)).hasMessageContaining("the file is empty");
        UploadForm none = new UploadForm("CM-01", "access-review", "2026-11-20", "Dana", null, null, null, -1);
        assertThatThrownBy(() -> validator.validate(none)).hasMessageContaining("file is required");

        UploadForm large = new UploadForm("CM-01", "access-review", "2026-11-20", "Dana", null, "a.pdf", null, MAX + 1);
        InvalidUploadException e = catchThrowableOfType(InvalidUploadException.class, () -> validator.validate(large));
        assertThat(e.tooLarge()).isTrue();
        assertThat(e).hasMessageContaining("the file is 1001 bytes, more than the maximum of 1000 bytes");
        assertThat(validator.validate(new UploadForm("CM-01", "access-review", "2026-11-20", "Dana", null, "a.pdf",
                null, MAX)).sizeBytes()).isEqualTo(MAX);
    }

    @Test
    void namesEveryProblemAtOnce() {
        InvalidUploadException e = catchThrowableOfType(InvalidUploadException.class, () -> validator.validate(
                new UploadForm(null, null, null, " ", "x".repeat(201), null, null, -1)));
        assertThat(e.tooLarge()).isFalse();
        assertThat(e.problems()).containsExactly(
                "controlId is required",
                "effectiveDate is required (an ISO date, YYYY-MM-DD)",
                "approver is required",
                "uploadedBy is longer than 200 characters",
                "file is required (a multipart part named 'file')");
    }

    @Test
    void keepsOnlyTheFileNameAndAUsableMediaType() {
        assertThat(UploadValidator.fileName("../../etc/passwd")).isEqualTo("passwd");
        assertThat(UploadValidator.fileName("  ")).isEqualTo("upload");
        assertThat(UploadValidator.mediaType("text/plain; charset=UTF-8")).isEqualTo("text/plain");
        assertThat(UploadValidator.mediaType("not a type")).isEqualTo("application/octet-stream");
        assertThat(UploadValidator.mediaType(null)).isEqualTo("application/octet-stream");
    }
}
