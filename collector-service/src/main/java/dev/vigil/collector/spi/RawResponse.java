package dev.vigil.collector.spi;

/**
 * A provider response as kept in the evidence store.
 *
 * @param sha256 of the redacted body, i.e. its name in the evidence store
 * @param etag   the response's ETag header, or null when the API sends none
 */
public record RawResponse(String sha256, String etag, int status) {
}
