package dev.vigil.collector.run;

import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.spi.Collector;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Schedules each enabled collector on its interval ({@link CollectionIntervals}), and runs them all once at start-up
 * if asked to.
 */
@ApplicationScoped
public class CollectionSchedule {
    private static final Logger LOG = Logger.getLogger(CollectionSchedule.class);

    private final CollectionRunner runner;
    private final Scheduler scheduler;
    private final VigilConfig config;
    private final CollectionIntervals intervals;

    public CollectionSchedule(CollectionRunner runner, Scheduler scheduler, VigilConfig config,
                              CollectionIntervals intervals) {
        this.runner = runner;
        this.scheduler = scheduler;
        this.config = config;
        this.intervals = intervals;
    }

    void onStart(@Observes StartupEvent event) {
        for (Collector c : runner.all()) {
            LOG.infof("collector %s (%s, %s) %s", c.name(), c.source(), String.join(", ", c.resourceTypes()),
                    !c.enabled() ? "disabled" : "every " + intervals.of(c)
                            + (intervals.readsEvents(c) ? ", and what its provider's events name" : ""));
        }
        if (config.collection().scheduleEnabled()) {
            for (Collector c : runner.enabled()) {
                String every = intervals.of(c).toString();
                scheduler.newJob("collect-" + c.name())
                        .setInterval(every)
                        .setDelayed(every) // the start-up run (if any) covers the first interval
                        .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                        .setTask(execution -> runner.start(c))
                        .schedule();
            }
        }
        if (config.collection().runOnStart()) {
            runner.startAll();
        }
    }
}
