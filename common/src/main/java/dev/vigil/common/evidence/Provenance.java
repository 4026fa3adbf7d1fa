package dev.vigil.common.evidence;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How one evidence item was obtained, so an auditor can repeat the observation: the API operation,
 * its request parameters, the response's ETag (when the API gives one) and the sha256 of the raw,
 * redacted response kept in the evidence store, plus which collector (and version) made the call.
 * When the facts come from more than one answer (a bucket's encryption, versioning and policy), the
 * other answers are cited in {@code supporting}, each as its own operation, parameters and sha256.
 * Evidence read because a provider event named the resource carries that event in {@code trigger}; left out of
 * the JSON when null, so evidence of scheduled runs reads and serialises exactly as before.
 */
public record Provenance(
        String operation,
        Map<String, String> parameters,
        String etag,
        String responseSha256,
        String collector,
        String collectorVersion,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Citation> supporting,
        @JsonInclude(JsonInclude.Include.NON_NULL) Trigger trigger) {

    public Provenance {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        supporting = supporting == null ? List.of() : List.copyOf(supporting);
    }

    /** Provenance of facts read from several answers, not triggered by a provider event. */
    public Provenance(String operation, Map<String, String> parameters, String etag, String responseSha256,
                      String collector, String collectorVersion, List<Citation> supporting) {
        this(operation, parameters, etag, responseSha256, collector, collectorVersion, supporting, null);
    }

    /** Provenance of facts read from one answer. */
    public Provenance(String operation, Map<String, String> parameters, String etag, String responseSha256,
                      String collector, String collectorVersion) {
        this(operation, parameters, etag, responseSha256, collector, collectorVersion, List.of());
    }

    /** The same provenance, naming the provider event that caused the read. */
    public Provenance withTrigger(Trigger by) {
        return new Provenance(operation, parameters, etag, responseSha256, collector, collectorVersion, supporting, by);
    }

    /** One further answer the facts were read from. */
    public record Citation(String operation, Map<String, String> parameters, String etag, String responseSha256) {
        public Citation {
            parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        }
    }

    /** Every raw response this provenance names: the main one first, then the supporting ones; none missing. */
    public List<String> responseSha256s() {
        List<String> all = new ArrayList<>();
        if (responseSha256 != null) {
            all.add(responseSha256);
        }
        supporting.stream().map(Citation::responseSha256).filter(Objects::nonNull).forEach(all::add);
        return List.copyOf(all);
    }
}
