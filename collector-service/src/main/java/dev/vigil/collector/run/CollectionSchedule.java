package dev.vigil.collector.run;

import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.spi.Collector;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Runs each enabled collector on its interval ({@link CollectionIntervals}), and all of them once at start-up if
 * asked to, once across the group: every instance ticks, and only the one that wins a collector's lease runs it
 * ({@link RunLease#decide}: due one interval after the last start on any instance; a start-up run is skipped when
 * another started recently; an abandoned run is taken over at the next tick).
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
        Instant started = Instant.now();
        for (Collector c : runner.all()) {
            LOG.infof("collector %s (%s, %s) %s", c.name(), c.source(), String.join(", ", c.resourceTypes()),
                    !c.enabled() ? "disabled" : "every " + intervals.of(c)
                            + (intervals.readsEvents(c) ? ", and what its provider's events name" : ""));
        }
        VigilConfig.Collection collection = config.collection();
        // a third of the lease: two renewals may fail (a slow database) before it expires
        scheduler.newJob("renew-run-leases")
                .setInterval(collection.leaseTtl().dividedBy(3).toString())
                .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                .setTask(execution -> runner.renewLeases())
                .schedule();
        if (collection.scheduleEnabled()) {
            scheduler.newJob("collection-tick")
                    .setInterval(collection.scheduleTick().toString())
                    .setDelayed(collection.scheduleTick().toString())
                    .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                    .setTask(execution -> tick(started))
                    .schedule();
        }
        if (collection.runOnStart()) {
            for (Collector c : runner.enabled()) {
                ask(c, new RunLease.Ask.OnStart(collection.runOnStartSkipWithin()), "start");
            }
        }
    }

    /** Runs every collector that is due, or whose run was abandoned; {@code started}: this instance's start. */
    void tick(Instant started) {
        for (Collector c : runner.enabled()) {
            Duration every = intervals.of(c);
            ask(c, new RunLease.Ask.Scheduled(every, started.plus(every)), "schedule");
        }
    }

    private void ask(Collector c, RunLease.Ask ask, String why) {
        try {
            Optional<CollectionRunner.StartedRun> run = runner.start(c, ask);
            if (run.isPresent() && !run.get().alreadyRunning()) {
                LOG.infof("run %s of %s started (%s)", run.get().runId(), c.name(), why);
            } else if (run.isPresent() && ask instanceof RunLease.Ask.OnStart) {
                LOG.infof("%s is running on %s (run %s): not run at start", c.name(), run.get().heldBy(),
                        run.get().runId());
            } else if (ask instanceof RunLease.Ask.OnStart) {
                LOG.infof("%s ran recently: not run at start", c.name());
            }
        } catch (IllegalStateException e) {
            LOG.warnf("%s not run (%s): %s", c.name(), why, e.getMessage());
        }
    }
}
