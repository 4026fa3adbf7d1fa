package dev.vigil.report.generated;

import dev.vigil.common.evidence.EvidenceEvent;
import dev.vigil.common.evidence.Provenance;
import dev.vigil.common.evidence.SourceRef;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A generated document as evidence: the same resource type and key as an uploaded document
 * ({@code manual.document}, {@code manual:<control>:<type>:<sha256>}), so the evaluator counts it exactly as an
 * upload, and bundles carry it; marked {@code generatedBy: vigil} with the generator and the evidence it was built
 * from, and approved by nobody (no person vouched for it: the sources do).
 */
public final class GeneratedDocumentEvidence {
    public static final SourceRef SOURCE = new SourceRef("manual", "generated");
    static final String RESOURCE_TYPE = "manual.document";
    static final String OPERATION = "generate";
    static final String COLLECTOR = "report-service";

    private GeneratedDocumentEvidence() {
    }

    public static String fileName(GeneratedDocument doc) {
        return doc.documentType() + "-" + doc.effectiveDate() + ".json";
    }

    public static EvidenceEvent event(GeneratedDocument doc, String sha256, String runId, Instant observedAt,
                                      String collectorVersion) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("controlId", doc.controlId());
        facts.put("documentType", doc.documentType());
        facts.put("effectiveDate", doc.effectiveDate().toString());
        facts.put("approver", null);
        facts.put("fileName", fileName(doc));
        facts.put("mediaType", "application/json");
        facts.put("sha256", sha256);
        facts.put("sizeBytes", doc.json().length);
        facts.put("uploadedBy", null);
        facts.put("generatedBy", GeneratedDocument.GENERATED_BY);
        facts.put("generator", doc.generator());
        facts.put("entryCount", doc.entries().size());
        facts.put("sourceEvidenceIds", doc.sourceEvidenceIds());
        facts.put("notCollected", doc.notCollected().stream().toList());
        Provenance provenance = new Provenance(OPERATION, Map.of("generator", doc.generator()), null, sha256,
                COLLECTOR, collectorVersion);
        return EvidenceEvent.of(SOURCE, RESOURCE_TYPE,
                "manual:" + doc.controlId() + ":" + doc.documentType() + ":" + sha256, observedAt, runId, facts,
                provenance);
    }
}
