package dev.vigil.report.bundle;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One evidence version a control was judged on, observed during the period: as the evaluator recorded it, with its
 * place in the evidence ledger (its chain and seq there) and the provenance that names the raw response kept in the evidence store.
 */
public record ObservedEvidence(long seq, String ledgerHash, String evidenceId, String source, String resourceType,
                               String resourceKey, JsonNode facts, JsonNode provenance, Instant firstObservedAt,
                               Instant lastObservedAt, String firstRunId, String chain) {

    /** Evidence of a ledger of one chain (no chain named). */
    public ObservedEvidence(long seq, String ledgerHash, String evidenceId, String source, String resourceType,
                            String resourceKey, JsonNode facts, JsonNode provenance, Instant firstObservedAt,
                            Instant lastObservedAt, String firstRunId) {
        this(seq, ledgerHash, evidenceId, source, resourceType, resourceKey, facts, provenance, firstObservedAt,
                lastObservedAt, firstRunId, null);
    }

    /** The sha256 of the redacted raw response in the evidence store, or null when the provenance names none. */
    public String responseSha256() {
        return sha256(provenance);
    }

    /** The sha256 of each further answer the facts were read from (provenance's {@code supporting}), in order. */
    public List<String> supportingSha256s() {
        JsonNode supporting = provenance == null ? null : provenance.get("supporting");
        if (supporting == null || !supporting.isArray()) {
            return List.of();
        }
        List<String> all = new ArrayList<>();
        supporting.forEach(citation -> {
            String sha = sha256(citation);
            if (sha != null) {
                all.add(sha);
            }
        });
        return all;
    }

    private static String sha256(JsonNode citation) {
        JsonNode sha = citation == null ? null : citation.get("responseSha256");
        return sha == null || !sha.isTextual() || sha.asText().isBlank() ? null : sha.asText();
    }
}
