package dev.vigil.report.upload;

import dev.vigil.common.store.EvidenceStore;
import dev.vigil.common.store.EvidenceStores;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

/**
 * The evidence store uploads are written to and bundles read from: the same one the collectors write raw responses
 * to ({@code vigil.evidence-store.*}: the same folder on one machine, the same S3 bucket and prefix across several).
 */
public class UploadBeans {

    @Produces
    @Singleton
    EvidenceStore evidenceStore(Config config) {
        return EvidenceStores.open(EvidenceStores.Settings.from(name -> config.getOptionalValue(name, String.class)));
    }
}
