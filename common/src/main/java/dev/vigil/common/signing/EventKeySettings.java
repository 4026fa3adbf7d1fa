package dev.vigil.common.signing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The event key settings every service reads (docs/configuration.md), kept here so the three services read them
 * alike; each service hands in its configuration as a {@link Source}.
 *
 * <p>Policy: a publisher without a signing key, or a consumer without a trusted key, refuses to start, unless the
 * configuration says explicitly that it runs without ({@code vigil.events.signing.enabled=false},
 * {@code vigil.events.verification=off}). A forgotten setting must not silently mean "anyone may publish".
 */
public final class EventKeySettings {
    public static final String SIGNING_ENABLED = "vigil.events.signing.enabled";
    public static final String SIGNING_KEY_FILE = "vigil.events.signing.key-file";
    public static final String SIGNING_KEY_ID = "vigil.events.signing.key-id";
    public static final String VERIFICATION = "vigil.events.verification";
    public static final String TRUSTED_KEYS = "vigil.events.trusted-keys";
    public static final String TRUSTED_KEYS_DIR = "vigil.events.trusted-keys-dir";
    public static final String MAX_CLOCK_SKEW = "vigil.events.max-clock-skew";
    public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    /** A service's configuration: values by name, and the names it knows (for the trusted-keys map). */
    public interface Source {
        Optional<String> value(String name);

        Iterable<String> names();
    }

    private EventKeySettings() {
    }

    /** The signer, empty when signing is off explicitly; {@link IllegalStateException} when it is not configured. */
    public static Optional<EventSigner> signer(Source config) {
        boolean enabled = config.value(SIGNING_ENABLED).map(v -> !v.trim().equalsIgnoreCase("false")).orElse(true);
        if (!enabled) {
            return Optional.empty();
        }
        Optional<String> file = config.value(SIGNING_KEY_FILE).filter(v -> !v.isBlank());
        Optional<String> keyId = config.value(SIGNING_KEY_ID).filter(v -> !v.isBlank());
        if (file.isEmpty() || keyId.isEmpty()) {
            throw new IllegalStateException("events must be signed: set " + SIGNING_KEY_FILE
                    + " (an Ed25519 private key, PKCS#8 PEM, owner-only) and " + SIGNING_KEY_ID
                    + ", or set " + SIGNING_ENABLED + "=false to publish unsigned events that no verifying consumer"
                    + " accepts (docs/evidence.md#event-signatures)");
        }
        return Optional.of(EventSigner.fromPemFile(Path.of(file.get()), keyId.get()));
    }

    /** The admission checks: the verifier unless verification is off explicitly, and the clock skew allowed. */
    public static EventAdmission admission(Source config, Duration maxClockSkew, Clock clock) {
        return new EventAdmission(verifier(config), maxClockSkew, clock);
    }

    /** The trusted keys, empty when verification is off explicitly; {@link IllegalStateException} when there are none. */
    public static Optional<EventVerifier> verifier(Source config) {
        String mode = config.value(VERIFICATION).map(v -> v.trim().toLowerCase(Locale.ROOT)).orElse("on");
        switch (mode) {
            case "off", "false" -> {
                return Optional.empty();
            }
            case "on", "true" -> {
            }
            default -> throw new IllegalStateException(VERIFICATION + " must be on or off, not '" + mode + "'");
        }
        TreeMap<String, PublicKey> keys = new TreeMap<>();
        String prefix = TRUSTED_KEYS + ".";
        for (String name : config.names()) {
            String plain = name.startsWith("%") && name.indexOf('.') > 0 ? name.substring(name.indexOf('.') + 1) : name;
            if (!plain.startsWith(prefix)) {
                continue;
            }
            // a profile-prefixed name counts only when its profile is active, i.e. when the plain name resolves
            Optional<String> file = config.value(plain).filter(v -> !v.isBlank());
            if (file.isPresent()) {
                keys.put(unquote(plain.substring(prefix.length())), Ed25519Keys.readPublicKey(Path.of(file.get())));
            }
        }
        config.value(TRUSTED_KEYS_DIR).filter(v -> !v.isBlank()).map(Path::of).ifPresent(dir -> readDir(dir, keys));
        if (keys.isEmpty()) {
            throw new IllegalStateException("no trusted event keys: set " + TRUSTED_KEYS + ".\"<key id>\"=<public key"
                    + " file> or " + TRUSTED_KEYS_DIR + "=<folder of <key id>.pem files>, or set " + VERIFICATION
                    + "=off to accept events from anyone who can write to the topics (docs/evidence.md#event-signatures)");
        }
        return Optional.of(new EventVerifier(keys));
    }

    /** Every {@code <key id>.pem} in the folder is a trusted public key under that key id. */
    private static void readDir(Path dir, TreeMap<String, PublicKey> keys) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(TRUSTED_KEYS_DIR + " " + dir + " is not a folder");
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.pem")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                keys.put(name.substring(0, name.length() - ".pem".length()), Ed25519Keys.readPublicKey(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String unquote(String key) {
        return key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"") ? key.substring(1, key.length() - 1) : key;
    }
}
