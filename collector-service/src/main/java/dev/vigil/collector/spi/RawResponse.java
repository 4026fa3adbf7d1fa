package dev.vigil.collector.spi;

import dev.vigil.common.evidence.Provenance;

import java.util.Map;

/**
 * A provider response as kept in the evidence store.
 *
 * @param sha256 of the redacted body, i.e. its name in the evidence store
 * @param etag   the response's ETag header, or null when the API sends none
 */
public record RawResponse(String sha256, String etag, int status) {

    /** This response cited as one more answer an item's facts were read from. */
    public Provenance.Citation cite(String operation, Map<String, String> parameters) {
        return new Provenance.Citation(operation, parameters, etag, sha256);
    }
}
