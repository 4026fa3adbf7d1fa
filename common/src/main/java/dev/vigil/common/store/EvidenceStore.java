package dev.vigil.common.store;

import dev.vigil.common.evidence.Hashing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Content-addressed store for raw (redacted) API responses and uploaded documents: a blob's name is the
 * sha256 of its bytes, so an auditor can recompute it, and storing the same bytes twice is a no-op.
 * Layout: {@code <root>/sha256/ab/<64 hex>}.
 */
public final class EvidenceStore {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private final Path root;

    public EvidenceStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Stores the bytes (if not already there) and returns their sha256 in hex. */
    public String put(byte[] bytes) {
        String sha = Hashing.sha256Hex(bytes);
        Path target = pathOf(sha);
        if (Files.exists(target)) {
            return sha;
        }
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), sha, ".tmp");
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                Files.deleteIfExists(tmp); // another writer stored the same content first
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return sha;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write evidence blob " + sha + " under " + root, e);
        }
    }

    public Optional<byte[]> get(String sha256) {
        Path p = pathOf(sha256);
        try {
            return Files.exists(p) ? Optional.of(Files.readAllBytes(p)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read evidence blob " + sha256, e);
        }
    }

    public boolean contains(String sha256) {
        return Files.exists(pathOf(sha256));
    }

    Path pathOf(String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a lowercase hex sha256: " + sha256);
        }
        return root.resolve("sha256").resolve(sha256.substring(0, 2)).resolve(sha256);
    }
}
