package dev.vigil.report.linked;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.Map;

/**
 * A resource as the control-evaluator's {@code GET /api/resources?facts=true} describes it: its current evidence
 * version, whether it is in scope, its provenance (the raw response's {@code responseSha256}) and its facts.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EvaluatedResource(String resourceKey, String resourceType, String source, boolean inScope,
                                String evidenceId, Instant observedAt, Map<String, Object> provenance,
                                Map<String, Object> facts) {

    public String responseSha256() {
        Object sha = provenance == null ? null : provenance.get("responseSha256");
        return sha == null ? null : sha.toString();
    }
}
