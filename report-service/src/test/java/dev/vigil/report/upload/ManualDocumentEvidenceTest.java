package dev.vigil.report.upload;

import dev.vigil.common.evidence.EventCodec;
import dev.vigil.common.evidence.EvidenceEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ManualDocumentEvidenceTest {
    private static final String SHA = "ab".repeat(32);
    private static final Instant AT = Instant.parse("2026-11-23T10:00:00.123456Z");
    private static final ValidUpload UPLOAD = new ValidUpload("CM-01", "access-review", LocalDate.parse("2026-11-20"),
            "Dana Reviewer", "sam@acme.example", "q4-review.pdf", "application/pdf", 120);

    @Test
    void anUploadIsEvidenceOfAManualDocument() {
        EvidenceEvent e = ManualDocumentEvidence.event(UPLOAD, SHA, "run-1", AT, "0.1.0");

        assertThat(e.source().uri()).isEqualTo("vigil://manual/uploads");
        assertThat(e.resourceType()).isEqualTo("manual.document");
        assertThat(e.resourceKey()).isEqualTo("manual:CM-01:access-review:" + SHA);
        assertThat(e.runId()).isEqualTo("run-1");
        assertThat(e.observedAt()).isEqualTo(AT);
        assertThat(e.facts()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "controlId", "CM-01", "documentType", "access-review", "effectiveDate", "2026-11-20",
                "approver", "Dana Reviewer", "fileName", "q4-review.pdf", "mediaType", "application/pdf",
                "sha256", SHA, "sizeBytes", 120L, "uploadedBy", "sam@acme.example"));
        assertThat(e.provenance().operation()).isEqualTo("upload");
        assertThat(e.provenance().parameters()).isEqualTo(Map.of("fileName", "q4-review.pdf"));
        assertThat(e.provenance().responseSha256()).isEqualTo(SHA);
        assertThat(e.provenance().collector()).isEqualTo("report-service");
        assertThat(e.provenance().collectorVersion()).isEqualTo("0.1.0");
    }

    @Test
    void theSameDocumentUploadedAgainIsTheSameEvidence() {
        EvidenceEvent first = ManualDocumentEvidence.event(UPLOAD, SHA, "run-1", AT, "0.1.0");
        EvidenceEvent again = ManualDocumentEvidence.event(UPLOAD, SHA, "run-2", AT.plusSeconds(60), "0.1.0");
        assertThat(again.id()).isEqualTo(first.id());
    }

    @Test
    void anUnknownUploaderIsRecordedAsNullAndSurvivesTheCodec() {
        ValidUpload anonymous = new ValidUpload("CM-01", "access-review", LocalDate.parse("2026-11-20"), "Dana",
                null, "r.pdf", "application/pdf", 120);
        EvidenceEvent e = ManualDocumentEvidence.event(anonymous, SHA, "run-1", AT, "0.1.0");
        assertThat(e.facts()).containsEntry("uploadedBy", null).hasSize(9);

        EvidenceEvent decoded = EventCodec.decodeEvidence(EventCodec.encode(e));
        assertThat(decoded.id()).isEqualTo(e.id());
        assertThat(decoded.facts()).containsEntry("uploadedBy", null).containsEntry("sizeBytes", 120);
    }
}
