package dev.vigil.collector.config;

import dev.vigil.common.store.EvidenceStore;
import dev.vigil.common.store.EvidenceStores;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/** The evidence store raw responses are written to ({@code vigil.evidence-store.*}: a folder, or S3 to share). */
public class EvidenceStoreProducer {
    private static final Logger LOG = Logger.getLogger(EvidenceStoreProducer.class);

    @Produces
    @Singleton
    EvidenceStore evidenceStore(Config config) {
        EvidenceStore store = EvidenceStores.open(EvidenceStores.Settings.from(
                name -> config.getOptionalValue(name, String.class)));
        LOG.infof("evidence store: %s", store.location());
        return store;
    }
}
