package dev.vigil.report.bundle;

import dev.vigil.access.ClientCredential;
import dev.vigil.bundle.BundleSigner;
import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.common.store.EvidenceStore;
import dev.vigil.report.commitments.CommitmentRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The bundle signing key (loaded once, at start-up, so a bad key stops the service) and the bundle writer. */
public class BundleBeans {
    private static final Logger LOG = Logger.getLogger(BundleBeans.class);

    @Produces
    @Singleton
    @Startup
    BundleSigner signer(BundleConfig config) {
        try {
            if (config.signingKey().isPresent()) {
                BundleSigner signer = BundleSigner.load(config.signingKey().get());
                LOG.infof("bundles are signed with key %s from %s", signer.keyId(), config.signingKey().get());
                return signer;
            }
            Path demo = config.generatedKeyFile().toAbsolutePath().normalize();
            if (Files.exists(demo)) {
                return BundleSigner.load(demo);
            }
            Files.createDirectories(demo.getParent());
            BundleSigner signer = BundleSigner.generate();
            signer.savePrivateJwk(demo);
            LOG.warnf("no bundle signing key configured (vigil.bundles.signing-key): generated %s with key id %s. "
                    + "Fine for a demo; in production configure a key kept in your secret store.", demo,
                    signer.keyId());
            return signer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the bundle signing key: " + e.getMessage(), e);
        }
    }

    @Produces
    @Singleton
    PeriodBundle periodBundle(Catalogue catalogue, CommitmentRegistry commitments, BundleSigner signer,
                              @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown")
                              String version) {
        return new PeriodBundle(catalogue, commitments, signer, version);
    }

    @Produces
    @Singleton
    PeriodEvidence periodEvidence(BundleConfig config, EvidenceStore store, ClientCredential credential) {
        // The evaluator admits report-service by its service credential, sent with every request of this client.
        HttpClient http = credential.sendingCredential(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .build());
        return new EvaluatorPeriodEvidence(http, config.evaluatorUrl(), config.evaluatorTimeout(), config.pageSize(),
                store);
    }
}
