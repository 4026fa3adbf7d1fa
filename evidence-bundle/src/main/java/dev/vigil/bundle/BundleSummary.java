package dev.vigil.bundle;

/**
 * What {@link BundleWriter#finish()} wrote, e.g. for the download audit log.
 *
 * @param manifestSha256 hex sha256 of manifest.json (also in the JWS header)
 * @param manifestSize   its size in bytes
 * @param keyId          the signing key's id (RFC 7638 thumbprint)
 * @param filesListed    files listed in the manifest, signing-key.jwk.json included
 * @param jws            the detached compact JWS written to manifest.jws
 */
public record BundleSummary(String manifestSha256, long manifestSize, String keyId, int filesListed, String jws) {
}
