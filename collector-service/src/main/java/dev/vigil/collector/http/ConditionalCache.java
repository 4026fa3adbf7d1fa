package dev.vigil.collector.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.common.evidence.Hashing;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The last successful ({@code 200} or {@code 204}) answer of every GET that carried an {@code ETag}, on disk, so the next run can ask
 * {@code If-None-Match} and reuse the body when the provider answers {@code 304 Not Modified}.
 *
 * <p>Entries are keyed by the sha256 of an identity (which credential, never the credential itself) and the
 * full URL, and hold only the ETag, the headers a client needs to read the body again ({@code Content-Type},
 * {@code Link}) and the body. No request header is stored, so no credential reaches the disk. Unlike OkHttp's
 * own cache this does not vary on {@code Authorization}: a GitHub App's installation token changes every hour
 * and would otherwise empty the cache; the provider still decides, by the ETag, whether the body is current.
 */
public final class ConditionalCache {
    private static final Logger LOG = Logger.getLogger(ConditionalCache.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One cached answer. */
    public record Entry(int status, String etag, String contentType, String link, byte[] body) {
    }

    private final Path dir;
    private final String identity;

    /**
     * @param identity which credential the answers were read with, e.g. {@code token:<sha256 prefix>} or
     *                 {@code app:<app id>}; part of every key
     */
    public ConditionalCache(Path dir, String identity) {
        this.dir = dir;
        this.identity = identity;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the HTTP cache folder " + dir.toAbsolutePath(), e);
        }
    }

    public Path dir() {
        return dir;
    }

    public Optional<Entry> get(String url) {
        Path file = file(url);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), Entry.class));
        } catch (IOException e) {
            LOG.debugf("unreadable cache entry %s (%s): asking without If-None-Match", file, e);
            return Optional.empty();
        }
    }

    public void put(String url, Entry entry) {
        Path file = file(url);
        try {
            Path tmp = Files.createTempFile(dir, "entry", ".tmp");
            JSON.writeValue(tmp.toFile(), entry);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // A cache that cannot be written costs budget next time, nothing else.
            LOG.warnf("cannot write the HTTP cache entry %s: %s", file, e);
        }
    }

    private Path file(String url) {
        return dir.resolve(Hashing.sha256Hex(identity + "\n" + url));
    }
}
