package dev.vigil.collector.events;

import dev.vigil.collector.config.EventsConfig;
import dev.vigil.collector.run.CollectionRunner;
import dev.vigil.collector.spi.Collector;
import dev.vigil.collector.spi.Target;
import dev.vigil.collector.spi.TargetedCollector;
import dev.vigil.common.evidence.Trigger;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Turns what verified deliveries name into targeted collection runs: each target is read once its coalescing delay
 * is over, by its collector, through the same run machinery as any run (evidence, raw responses, redaction,
 * signing, run history), with the first delivery as the run's trigger.
 */
@ApplicationScoped
public class TargetedCollections {
    private static final Logger LOG = Logger.getLogger(TargetedCollections.class);

    private final CollectionRunner runner;
    private final Duration delay;
    private final Coalescer coalescer = new Coalescer();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "targeted-collections");
        t.setDaemon(true);
        return t;
    });

    public TargetedCollections(CollectionRunner runner, EventsConfig.Receiver config) {
        this.runner = runner;
        this.delay = config.coalesceDelay();
    }

    public void request(List<Target> targets, Trigger trigger) {
        for (Target target : targets) {
            if (coalescer.add(target, trigger)) {
                scheduler.schedule(() -> read(target), delay.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void read(Target target) {
        Trigger trigger = coalescer.close(target).orElse(null);
        if (trigger == null) {
            return;
        }
        var collector = runner.find(target.collector()).filter(Collector::enabled)
                .filter(TargetedCollector.class::isInstance).map(TargetedCollector.class::cast);
        if (collector.isEmpty() || !collector.get().targetKinds().contains(target.kind())) {
            LOG.warnf("%s delivery %s names %s, which no enabled collector reads: the next full run will",
                    trigger.provider(), trigger.deliveryId(), target);
            return;
        }
        try {
            runner.startTargeted(collector.get(), target, trigger);
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not start the read of %s for %s delivery %s", target, trigger.provider(),
                    trigger.deliveryId());
        }
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
