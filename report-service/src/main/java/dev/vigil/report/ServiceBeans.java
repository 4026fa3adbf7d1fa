package dev.vigil.report;

import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.common.catalogue.CustomCatalogue;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.file.Path;
import java.util.Optional;
import dev.vigil.report.board.ControlBoard;
import dev.vigil.report.commitments.CommitmentRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Plain objects the service wires in: the catalogue is loaded once and validated at start-up. */
public class ServiceBeans {

    @Produces
    @Singleton
    @Startup
    Catalogue catalogue(@ConfigProperty(name = "vigil.catalogue.custom-dir") Optional<String> customDir) {
        // The same folder the evaluator reads, so custom controls and rule mappings show here too.
        return customDir.filter(d -> !d.isBlank())
                .map(d -> Catalogue.loadWith(CustomCatalogue.read(Path.of(d))))
                .orElseGet(Catalogue::loadDefault);
    }

    /** Validated against the catalogue: a commitment naming an unknown control stops start-up. */
    @Produces
    @Singleton
    @Startup
    CommitmentRegistry commitments(Catalogue catalogue) {
        return CommitmentRegistry.loadDefault(catalogue);
    }

    @Produces
    @Singleton
    ControlBoard board(Catalogue catalogue) {
        return new ControlBoard(catalogue);
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
