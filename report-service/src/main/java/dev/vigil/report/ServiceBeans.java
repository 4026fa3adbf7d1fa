package dev.vigil.report;

import dev.vigil.common.catalogue.Catalogue;
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
    Catalogue catalogue() {
        return Catalogue.loadDefault();
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
