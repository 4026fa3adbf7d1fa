package dev.vigil.report.bundle;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One evidence version a control was judged on, observed during the period: as the evaluator recorded it, with its
 * place in the evidence ledger and the provenance that names the raw response kept in the evidence store.
 */
public record ObservedEvidence(long seq, String ledgerHash, String evidenceId, String source, String resourceType,
                               String resourceKey, JsonNode facts, JsonNode provenance, Instant firstObservedAt,
                               Instant lastObservedAt, String firstRunId) {

    /** The sha256 of the redacted raw response in the evidence store, or null when the provenance names none. */
    public String responseSha256() {
        JsonNode sha = provenance == null ? null : provenance.get("responseSha256");
        return sha == null || !sha.isTextual() || sha.asText().isBlank() ? null : sha.asText();
    }
}
