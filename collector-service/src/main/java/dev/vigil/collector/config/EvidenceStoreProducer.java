package dev.vigil.collector.config;

import dev.vigil.common.store.EvidenceStore;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.nio.file.Path;

public class EvidenceStoreProducer {
    @Produces
    @Singleton
    EvidenceStore evidenceStore(VigilConfig config) {
        return new EvidenceStore(Path.of(config.evidenceStore().path()).toAbsolutePath().normalize());
    }
}
