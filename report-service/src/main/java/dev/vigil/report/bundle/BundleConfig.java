package dev.vigil.report.bundle;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Period evidence bundles (docs/bundles.md, docs/configuration.md). */
@ConfigMapping(prefix = "vigil.bundles")
public interface BundleConfig {

    /**
     * The private signing key, a P-256 JWK or PEM file (from your secret store), readable by its owner only: one key,
     * valid at any time. Unset, and {@link #signingKeys()} unset too: a key is generated once into
     * {@link #generatedKeyFile()} and a warning says so, which suits the local demo only.
     */
    Optional<Path> signingKey();

    /**
     * The signing keys, current and retired, each with its validity ({@code vigil.bundles.signing-keys[0].file}, …):
     * the newest key valid at a bundle's creation signs it; all are published at {@code /api/bundles/signing-keys}.
     * Instead of {@link #signingKey()}, not with it.
     */
    Optional<List<SigningKey>> signingKeys();

    /** One key of {@link #signingKeys()}. */
    interface SigningKey {
        /** The private key (P-256 JWK or PEM), readable by its owner only: a key this service signs with. */
        Optional<Path> file();

        /**
         * The public key only (a public JWK, or PEM {@code PUBLIC KEY}): a retired key whose private half is gone,
         * still published so that the bundles it signed verify.
         */
        Optional<Path> publicKey();

        /** The expected key id (its RFC 7638 thumbprint): start-up fails if the file holds another key. */
        Optional<String> keyId();

        /** From when it signs (RFC 3339 instant, whole seconds, or a date: midnight UTC); unset: from the start. */
        Optional<String> notBefore();

        /** Until when (exclusive); unset: until the next key's not-before, or open-ended for the newest key. */
        Optional<String> notAfter();
    }

    /** Where the demo key is generated and kept when no signing key is configured. */
    @WithDefault("../.vigil/data/bundle-signing-key.jwk.json")
    Path generatedKeyFile();

    /** The control evaluator, which holds the evidence and the ledger. */
    @WithDefault("http://localhost:8082")
    String evaluatorUrl();

    /** How long one request to the evaluator may take. */
    @WithDefault("30s")
    Duration evaluatorTimeout();

    /** Evidence items asked of the evaluator per request. */
    @WithDefault("1000")
    int pageSize();

    /** The longest period one bundle may cover. */
    @WithDefault("400d")
    Duration maxPeriod();
}
