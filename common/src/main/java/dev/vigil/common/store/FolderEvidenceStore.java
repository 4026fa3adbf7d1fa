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

/**
 * The evidence store as a folder of this machine, the single-machine default: {@code <root>/sha256/ab/<64 hex>}.
 * Several services share it only when they share the folder; {@link S3EvidenceStore} is the shared one.
 */
public final class FolderEvidenceStore implements EvidenceStore {
    private final Path root;

    public FolderEvidenceStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    @Override
    public String location() {
        return root.toString();
    }

    @Override
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

    @Override
    public Optional<byte[]> get(String sha256) {
        Path p = pathOf(sha256);
        try {
            return Files.exists(p) ? Optional.of(Files.readAllBytes(p)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read evidence blob " + sha256, e);
        }
    }

    @Override
    public boolean contains(String sha256) {
        return Files.exists(pathOf(sha256));
    }

    Path pathOf(String sha256) {
        return root.resolve(EvidenceStore.relativeName(sha256));
    }
}
