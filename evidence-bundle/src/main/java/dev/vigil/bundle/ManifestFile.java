package dev.vigil.bundle;

/**
 * One file as the manifest lists it.
 *
 * @param path      its path inside the ZIP ({@link BundleLayout#pathProblem} holds for it)
 * @param sha256    lowercase hex sha256 of its bytes (uncompressed)
 * @param size      its length in bytes (uncompressed)
 * @param mediaType e.g. {@code text/csv}, {@code application/json}
 */
public record ManifestFile(String path, String sha256, long size, String mediaType) {
}
