package dev.vigil.collector.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.common.evidence.Hashing;
import org.jboss.logging.Logger;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The last successful ({@code 200} or {@code 204}) answer of every GET that carried an {@code ETag}, in a {@link Store}
 * (PostgreSQL, shared by every instance: {@link PostgresCacheStore}), so the next run, on whichever instance, can ask
 * {@code If-None-Match} and reuse the body when the provider answers {@code 304 Not Modified}.
 *
 * <p>Entries are keyed by the sha256 of an identity (which credential, never the credential itself) and the
 * full URL, and hold only the ETag, the headers a client needs to read the body again ({@code Content-Type},
 * {@code Link}) and the body. No request header is stored, so no credential is ever stored. Unlike OkHttp's
 * own cache this does not vary on {@code Authorization}: a GitHub App's installation token changes every hour
 * and would otherwise empty the cache; the provider still decides, by the ETag, whether the body is current.
 *
 * <p>Entries are encrypted at rest (AES-256-GCM, a fresh nonce per write, the entry's name as associated data so
 * an entry cannot be moved to another URL): a body is served back to the collector on a 304 and must stay exactly
 * what GitHub sent, so it cannot be redacted, yet it may carry whatever a provider put in a description. An entry
 * that does not decrypt (another key, tampered, an older plain entry) is a miss: asked again in full.
 */
public final class ConditionalCache {
    private static final Logger LOG = Logger.getLogger(ConditionalCache.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One cached answer. */
    public record Entry(int status, String etag, String contentType, String link, byte[] body) {
    }

    /** Where sealed entries live, by name (the sha256 of identity and URL). */
    public interface Store {
        Optional<byte[]> read(String name) throws IOException;

        void write(String name, byte[] sealed) throws IOException;

        /** A folder of one file per entry: a single process's cache, for tests. */
        static Store folder(Path dir) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the HTTP cache folder " + dir.toAbsolutePath(), e);
            }
            return new Store() {
                @Override
                public Optional<byte[]> read(String name) throws IOException {
                    Path file = dir.resolve(name);
                    return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
                }

                @Override
                public void write(String name, byte[] sealed) throws IOException {
                    Path tmp = Files.createTempFile(dir, "entry", ".tmp");
                    Files.write(tmp, sealed);
                    try {
                        Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING,
                                StandardCopyOption.ATOMIC_MOVE);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            };
        }
    }

    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Store store;
    private final String identity;
    private final SecretKey key;

    /**
     * @param identity which credential the answers were read with, e.g. {@code token:<sha256 prefix>} or
     *                 {@code app:<app id>}; part of every key
     * @param key      the AES key entries are encrypted with ({@link #key(String)}, {@link #generateKey()}); every
     *                 instance sharing the store needs the same one, or each reads the others' entries as misses
     */
    public ConditionalCache(Store store, String identity, SecretKey key) {
        this.store = store;
        this.identity = identity;
        this.key = key;
    }

    /** An AES key from its base64 text (16, 24 or 32 bytes), e.g. a key file's content. */
    public static SecretKey key(String base64) {
        byte[] raw = Base64.getDecoder().decode(base64.strip());
        if (raw.length != 16 && raw.length != 24 && raw.length != 32) {
            throw new IllegalArgumentException("an AES key is 16, 24 or 32 bytes, base64; this one has " + raw.length);
        }
        return new SecretKeySpec(raw, "AES");
    }

    private static final class ProcessKey {
        static final SecretKey KEY = generateKey();
    }

    /** One random key for this process, for a cache without a configured key: entries do not outlive the JVM. */
    public static SecretKey processKey() {
        return ProcessKey.KEY;
    }

    /** A new random AES-256 key. */
    public static SecretKey generateKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, RANDOM);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no AES key generator in this JDK", e);
        }
    }

    public Optional<Entry> get(String url) {
        String name = name(url);
        try {
            Optional<byte[]> sealed = store.read(name);
            return sealed.isEmpty() ? Optional.empty()
                    : Optional.of(JSON.readValue(decrypt(sealed.get(), name), Entry.class));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            LOG.debugf("unreadable cache entry %s (%s): asking without If-None-Match", name, e);
            return Optional.empty();
        }
    }

    public void put(String url, Entry entry) {
        String name = name(url);
        try {
            store.write(name, encrypt(JSON.writeValueAsBytes(entry), name));
        } catch (IOException | GeneralSecurityException e) {
            // A cache that cannot be written costs budget next time, nothing else.
            LOG.warnf("cannot write the HTTP cache entry %s: %s", name, e);
        }
    }

    private byte[] encrypt(byte[] plain, String name) throws GeneralSecurityException {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        Cipher cipher = Cipher.getInstance(CIPHER);
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        byte[] sealed = cipher.doFinal(plain);
        byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
        System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
        return out;
    }

    private byte[] decrypt(byte[] stored, String name) throws GeneralSecurityException {
        if (stored.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new GeneralSecurityException("entry too short");
        }
        Cipher cipher = Cipher.getInstance(CIPHER);
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
        cipher.updateAAD(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
    }

    private String name(String url) {
        return Hashing.sha256Hex(identity + "\n" + url);
    }
}
