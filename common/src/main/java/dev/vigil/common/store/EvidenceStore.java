package dev.vigil.common.store;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Content-addressed store for raw (redacted) API responses and uploaded documents: a blob's name is the sha256 of its
 * bytes, so an auditor can recompute it, and storing the same bytes twice is a no-op. Every store lays blobs out the
 * same way under its root: {@code sha256/ab/<64 hex>}. A folder of this machine ({@link FolderEvidenceStore}, the
 * default) or S3-compatible object storage ({@link S3EvidenceStore}) that several instances share.
 */
public interface EvidenceStore {
    Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** Stores the bytes (if not already there) and returns their sha256 in hex. */
    String put(byte[] bytes);

    /** The blob of that name, if stored; never bytes that do not hash to it. */
    Optional<byte[]> get(String sha256);

    boolean contains(String sha256);

    /** Where the blobs are, for messages: a folder, or {@code s3://bucket/prefix}. */
    String location();

    /**
     * Whether the store answers, for a readiness check: it looks up a name no blob has (one HEAD on S3). Empty when
     * the store answered; otherwise where it is and what failed.
     */
    default Optional<String> unreachable() {
        try {
            contains("0".repeat(64));
            return Optional.empty();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause() : e;
            return Optional.of(location() + " did not answer a lookup: "
                    + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()));
        }
    }

    /** The folder store, as the single-machine default has it. */
    static EvidenceStore folder(Path root) {
        return new FolderEvidenceStore(root);
    }

    /** {@code sha256/ab/<64 hex>}: a blob's name under any store's root. */
    static String relativeName(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a lowercase hex sha256: " + sha256);
        }
        return "sha256/" + sha256.substring(0, 2) + "/" + sha256;
    }
}
