package dev.vigil.report.bundle;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Period evidence bundles (docs/bundles.md, docs/configuration.md). */
@ConfigMapping(prefix = "vigil.bundles")
public interface BundleConfig {

    /**
     * The private signing key, a P-256 JWK or PEM file (from your secret store). Unset: a key is generated once into
     * {@link #generatedKeyFile()} and a warning says so, which suits the local demo only.
     */
    Optional<Path> signingKey();

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
