package dev.vigil.report;

import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.report.board.ControlBoard;
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
