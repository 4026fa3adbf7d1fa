package dev.vigil.common.evidence;

import java.util.Map;

/**
 * How one evidence item was obtained, so an auditor can repeat the observation: the API operation,
 * its request parameters, the response's ETag (when the API gives one) and the sha256 of the raw,
 * redacted response kept in the evidence store, plus which collector (and version) made the call.
 */
public record Provenance(
        String operation,
        Map<String, String> parameters,
        String etag,
        String responseSha256,
        String collector,
        String collectorVersion) {

    public Provenance {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }
}
