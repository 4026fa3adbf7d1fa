package dev.vigil.bench;

import dev.vigil.common.signing.Ed25519Keys;
import dev.vigil.common.signing.EventSigner;
import dev.vigil.common.signing.EventVerifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;

/**
 * One event key pair per benchmark JVM, as in production: the synthetic producer and the collector sign with it, the
 * evaluator trusts it, so the measured throughput includes signing and verifying every record.
 */
final class BenchKeys {
    static final String KEY_ID = "vigil-bench";
    private static final KeyPair PAIR = Ed25519Keys.generate();
    private static Path dir;

    private BenchKeys() {
    }

    static EventSigner signer() {
        return new EventSigner(PAIR.getPrivate(), KEY_ID);
    }

    /** What the evaluator checks every record with: the bench key alone, trusted under its id. */
    static EventVerifier verifier() {
        return new EventVerifier(Map.of(KEY_ID, PAIR.getPublic()));
    }

    /** Environment variables that make a service sign with the bench key and trust it. */
    static synchronized Map<String, String> serviceEnv() {
        if (dir == null) {
            try {
                dir = Files.createTempDirectory("vigil-bench-event-keys");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Ed25519Keys.writePair(PAIR, dir.resolve("private.pem"), dir.resolve("trusted/" + KEY_ID + ".pem"));
            // a private key must not outlive the run in /tmp; deleted in reverse order: files, then their folders
            for (Path p : new Path[] {dir, dir.resolve("trusted"), dir.resolve("private.pem"),
                    dir.resolve("trusted/" + KEY_ID + ".pem")}) {
                p.toFile().deleteOnExit();
            }
        }
        return Map.of("VIGIL_EVENTS_SIGNING_KEY_FILE", dir.resolve("private.pem").toString(),
                "VIGIL_EVENTS_SIGNING_KEY_ID", KEY_ID,
                "VIGIL_EVENTS_TRUSTED_KEYS_DIR", dir.resolve("trusted").toString());
    }
}
