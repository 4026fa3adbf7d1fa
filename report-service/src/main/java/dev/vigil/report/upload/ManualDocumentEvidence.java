package dev.vigil.report.upload;

import dev.vigil.common.evidence.EvidenceEvent;
import dev.vigil.common.evidence.Provenance;
import dev.vigil.common.evidence.Redactor;
import dev.vigil.common.evidence.SourceRef;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns an accepted upload into an evidence event like any collector's, so the evaluator needs no second path:
 * the document is a resource of type {@code manual.document}, and its facts are what the evaluator judges
 * (which control, which document type, in effect since when, approved by whom).
 */
public final class ManualDocumentEvidence {
    public static final SourceRef SOURCE = new SourceRef("manual", "uploads");
    public static final String RESOURCE_TYPE = "manual.document";
    static final String OPERATION = "upload";
    static final String COLLECTOR = "report-service";

    private ManualDocumentEvidence() {
    }

    /** The sha256 is part of the key: each distinct file is its own resource, a re-upload of the same file is not. */
    public static String resourceKey(String controlId, String documentType, String sha256) {
        return "manual:" + controlId + ":" + documentType + ":" + sha256;
    }

    public static EvidenceEvent event(ValidUpload upload, String sha256, String runId, Instant observedAt,
                                      String collectorVersion) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("controlId", upload.controlId());
        facts.put("documentType", upload.documentType());
        facts.put("effectiveDate", upload.effectiveDate().toString());
        facts.put("approver", upload.approver());
        facts.put("fileName", upload.fileName());
        facts.put("mediaType", upload.mediaType());
        facts.put("sha256", sha256);
        facts.put("sizeBytes", upload.sizeBytes());
        facts.put("uploadedBy", upload.uploadedBy()); // null until uploads are authenticated and nobody said
        // The file itself is kept as uploaded (an auditor needs the original); the facts follow the contract.
        Provenance provenance = new Provenance(OPERATION, Map.of("fileName", upload.fileName()), null, sha256,
                COLLECTOR, collectorVersion);
        return EvidenceEvent.of(SOURCE, RESOURCE_TYPE, resourceKey(upload.controlId(), upload.documentType(), sha256),
                observedAt, runId, Redactor.redactFacts(facts), provenance);
    }
}
