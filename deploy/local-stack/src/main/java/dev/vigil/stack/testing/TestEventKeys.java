package dev.vigil.stack.testing;

import dev.vigil.common.keys.KeyFiles;
import dev.vigil.common.signing.Ed25519Keys;
import dev.vigil.common.signing.EventKeySettings;
import dev.vigil.common.signing.EventSigner;
import dev.vigil.common.signing.EventVerifier;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The fixed Ed25519 key pair that services under test sign their events with and trust ({@link KafkaTestResource}
 * configures both), and that {@link KafkaTestClient} signs test records with. A test key only: no real deployment
 * trusts it (deploy/local/up.sh generates keys of its own per VIGIL_HOME).
 *
 * <p>The pair is fixed (files beside this class, made with {@code openssl genpkey -algorithm ed25519}) rather than
 * generated per run, because a Quarkus test's resources, its application and the test class may each load this
 * class in a classloader of their own. Git does not keep a file's 0600, and the services read private keys only
 * from owner-only files ({@link KeyFiles}), so the private key is copied into an owner-only temporary file.
 */
public final class TestEventKeys {
    public static final String KEY_ID = "vigil-test";
    private static final String PRIVATE = "test-event-signing.key.pem";
    private static final String PUBLIC = "test-event-signing.pub.pem";
    private static Path dir;

    private TestEventKeys() {
    }

    public static EventSigner signer() {
        return new EventSigner(Ed25519Keys.parsePrivateKey(resource(PRIVATE), PRIVATE), KEY_ID);
    }

    /** A verifier trusting the test key only: to check what a service under test published. */
    public static EventVerifier verifier() {
        return new EventVerifier(Map.of(KEY_ID, Ed25519Keys.parsePublicKey(resource(PUBLIC), PUBLIC)));
    }

    /** Configuration that makes a service sign with the test key and trust it (and nothing else). */
    public static Map<String, String> serviceConfig() {
        Path keys = files();
        return Map.of(
                EventKeySettings.SIGNING_KEY_FILE, keys.resolve(PRIVATE).toString(),
                EventKeySettings.SIGNING_KEY_ID, KEY_ID,
                EventKeySettings.TRUSTED_KEYS + ".\"" + KEY_ID + "\"", keys.resolve(PUBLIC).toString());
    }

    private static synchronized Path files() {
        if (dir == null) {
            try {
                Path d = Files.createTempDirectory("vigil-test-event-keys");
                KeyFiles.writeOwnerOnly(d.resolve(PRIVATE), resource(PRIVATE));
                Files.writeString(d.resolve(PUBLIC), resource(PUBLIC));
                d.resolve(PRIVATE).toFile().deleteOnExit();
                d.resolve(PUBLIC).toFile().deleteOnExit();
                d.toFile().deleteOnExit();
                dir = d;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    private static String resource(String name) {
        try (InputStream in = TestEventKeys.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test key " + name + " missing beside " + TestEventKeys.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
