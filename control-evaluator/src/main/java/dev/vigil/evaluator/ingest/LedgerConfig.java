package dev.vigil.evaluator.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Ledger settings ({@code vigil.ledger.*}; docs/configuration.md). */
@ConfigMapping(prefix = "vigil.ledger")
public interface LedgerConfig {
    /**
     * How often a signed checkpoint of every chain's head is made (none when no chain moved since the last). A chain
     * rewritten after its checkpoint shows; what was appended since the last one is bound only by its own links.
     */
    @WithDefault("5m")
    Duration checkpointInterval();
}
