package dev.vigil.report.bundle;

import dev.vigil.access.ClientCredential;
import dev.vigil.bundle.BundleKey;
import dev.vigil.bundle.BundleSigner;
import dev.vigil.bundle.BundleSigningKeys;
import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.common.store.EvidenceStore;
import dev.vigil.report.commitments.CommitmentRegistry;
import dev.vigil.report.linked.LinkedServices;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The bundle signing keys (loaded once, at start-up, so a bad key, a key file others can read, or no key valid now
 * stops the service) and the bundle writer.
 */
public class BundleBeans {
    private static final Logger LOG = Logger.getLogger(BundleBeans.class);

    @Produces
    @Singleton
    @Startup
    BundleSigningKeys signingKeys(BundleConfig config, Clock clock) {
        BundleSigningKeys keys = load(config, clock.instant());
        LOG.infof("bundle signing keys: %s; bundles are signed now with key %s", keys.describe(),
                keys.signerAt(clock.instant()).keyId());
        return keys;
    }

    /**
     * The configured keys: {@code vigil.bundles.signing-keys[…]}, or the one {@code vigil.bundles.signing-key}, or
     * the demo key generated into {@code vigil.bundles.generated-key-file}. Every private key file must be readable
     * by its owner only. {@link IllegalStateException} (which stops start-up) says what is wrong.
     */
    static BundleSigningKeys load(BundleConfig config, Instant now) {
        List<BundleConfig.SigningKey> entries = config.signingKeys().orElse(List.of());
        try {
            BundleSigningKeys keys;
            if (!entries.isEmpty()) {
                if (config.signingKey().isPresent()) {
                    throw new IllegalStateException("set vigil.bundles.signing-keys or vigil.bundles.signing-key,"
                            + " not both (the single key becomes signing-keys[0].file)");
                }
                List<BundleSigningKeys.Entry> set = new ArrayList<>();
                for (int i = 0; i < entries.size(); i++) {
                    set.add(entry("vigil.bundles.signing-keys[" + i + "]", entries.get(i)));
                }
                try {
                    keys = BundleSigningKeys.of(set);
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("vigil.bundles.signing-keys: " + e.getMessage(), e);
                }
            } else if (config.signingKey().isPresent()) {
                keys = BundleSigningKeys.single(signer("vigil.bundles.signing-key", config.signingKey().get()));
            } else {
                keys = BundleSigningKeys.single(demoKey(config.generatedKeyFile().toAbsolutePath().normalize()));
            }
            keys.signerAt(now); // a service that cannot sign today's bundle does not start
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the bundle signing key: " + e.getMessage(), e);
        }
    }

    private static BundleSigningKeys.Entry entry(String name, BundleConfig.SigningKey key) throws IOException {
        if (key.file().isPresent() == key.publicKey().isPresent()) {
            throw new IllegalStateException(name + ": set exactly one of .file (the private key) and .public-key"
                    + " (a retired key's public half)");
        }
        Instant notBefore = time(name + ".not-before", key.notBefore().orElse(null));
        Instant notAfter = time(name + ".not-after", key.notAfter().orElse(null));
        BundleSigningKeys.Entry entry;
        try {
            if (key.file().isPresent()) {
                entry = BundleSigningKeys.Entry.signing(signer(name + ".file", key.file().get()), notBefore, notAfter);
            } else {
                entry = BundleSigningKeys.Entry.retired(new BundleKey(BundleSigner.loadPublic(key.publicKey().get()),
                        notBefore, notAfter));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + ": " + e.getMessage(), e);
        }
        if (key.keyId().isPresent() && !key.keyId().get().equals(entry.key().kid())) {
            throw new IllegalStateException(name + ".key-id is " + key.keyId().get() + ", but the key configured"
                    + " there is " + entry.key().kid());
        }
        return entry;
    }

    /** A private key file, refused (naming it and chmod 600) if its group or others may read it. */
    private static BundleSigner signer(String name, Path file) throws IOException {
        try {
            return BundleSigner.load(file);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + ": " + e.getMessage(), e);
        }
    }

    private static BundleSigner demoKey(Path demo) throws IOException {
        if (Files.exists(demo)) {
            return signer("vigil.bundles.generated-key-file", demo);
        }
        BundleSigner signer = BundleSigner.generate();
        signer.savePrivateJwk(demo); // owner-only, never widened
        LOG.warnf("no bundle signing key configured (vigil.bundles.signing-key): generated %s with key id %s. "
                + "Fine for a demo; in production configure a key kept in your secret store.", demo, signer.keyId());
        return signer;
    }

    /** An RFC 3339 instant in whole seconds, or a date (midnight UTC); null stays null. */
    static Instant time(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant time;
        try {
            time = value.strip().length() == 10 ? LocalDate.parse(value.strip()).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(name + " '" + value + "' is neither an RFC 3339 instant"
                    + " (2026-04-01T00:00:00Z) nor a date (2026-04-01)", e);
        }
        if (time.getNano() != 0) {
            throw new IllegalStateException(name + " '" + value + "' must be a whole second");
        }
        return time;
    }

    @Produces
    @Singleton
    PeriodBundle periodBundle(Catalogue catalogue, CommitmentRegistry commitments, BundleSigningKeys keys,
                              @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown")
                              String version) {
        return new PeriodBundle(catalogue, commitments, keys, version);
    }

    @Produces
    @Singleton
    EvaluatorPeriodEvidence periodEvidence(BundleConfig config, EvidenceStore store, ClientCredential credential) {
        // The evaluator admits report-service by its service credential, sent with every request of this client.
        EvaluatorLedgerApi evaluator = LinkedServices.client(EvaluatorLedgerApi.class,
                URI.create(config.evaluatorUrl()), Duration.ofSeconds(10), config.evaluatorTimeout(), credential);
        return new EvaluatorPeriodEvidence(evaluator, config.evaluatorUrl(), config.pageSize(), store);
    }
}
