package dev.vigil.evaluator.evaluation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What a published status event carries ({@code vigil.evaluator.status.*}; docs/configuration.md). */
@ConfigMapping(prefix = "vigil.evaluator.status")
public interface StatusEventConfig {

    /**
     * How many failing resources a status event lists; it always counts them all. Fewer are listed when their JSON
     * would pass 512 KiB (StatusEventBounds), so an event stays under Kafka's 1 MiB whatever this says. The whole
     * list of every published status is served by {@code GET /api/controls/{id}/failing-resources}.
     */
    @WithDefault("200")
    int failingResourcesInEvent();
}
