package dev.vigil.report.upload;

import dev.vigil.common.store.EvidenceStore;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.file.Path;

/** The evidence store uploads are written to: the same folder the collectors write raw responses to. */
public class UploadBeans {

    @Produces
    @Singleton
    EvidenceStore evidenceStore(@ConfigProperty(name = "vigil.evidence-store.path") String path) {
        return new EvidenceStore(Path.of(path).toAbsolutePath().normalize());
    }
}
