package dev.vigil.collector.events;

import dev.vigil.collector.config.EventsConfig;
import dev.vigil.collector.run.CollectionRunner;
import dev.vigil.collector.spi.Collector;
import dev.vigil.collector.spi.Target;
import dev.vigil.collector.spi.TargetedCollector;
import dev.vigil.common.evidence.RunState;
import dev.vigil.common.evidence.Trigger;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Turns what verified deliveries name into targeted collection runs: a target is read at once by its collector,
 * through the same run machinery as any run (evidence, raw responses, redaction, signing, run history), with the
 * delivery as the run's trigger; deliveries naming it while it is read are answered by one more read after it
 * ({@link Coalescer}), started no sooner than the coalescing delay after the one before, so a burst costs a read per
 * delay at most.
 */
@ApplicationScoped
public class TargetedCollections {
    private static final Logger LOG = Logger.getLogger(TargetedCollections.class);

    private final CollectionRunner runner;
    private final Duration delay;
    /** The waiting reads, each with the outcome every delivery coalesced into it shares. */
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

    /**
     * Reads the targets again: at once, or after the read of the target that runs now.
     *
     * @return completes true once every target's read ended COMPLETED (its evidence acknowledged by the broker) or
     *         no enabled collector reads it (nothing to wait for: the next full run does), false when a read
     *         failed or could not start; coalesced deliveries share their target's outcome
     */
    public CompletableFuture<Boolean> request(List<Target> targets, Trigger trigger) {
        List<CompletableFuture<Boolean>> reads = new ArrayList<>();
        for (Target target : targets) {
            Coalescer.Joined joined = coalescer.add(target, trigger);
            if (joined.opened()) {
                scheduler.execute(() -> read(target));
            }
            reads.add(joined.outcome());
        }
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
                .thenApply(done -> reads.stream().allMatch(CompletableFuture::join));
    }

    private void read(Target target) {
        coalescer.start(target).ifPresent(read -> {
            long started = System.nanoTime();
            read(target, read.trigger()).whenComplete((ok, error) -> {
                read.outcome().complete(error == null && ok);
                if (coalescer.ended(target)) {
                    long gap = Math.max(0, delay.toNanos() - (System.nanoTime() - started));
                    try {
                        scheduler.schedule(() -> read(target), gap, TimeUnit.NANOSECONDS);
                    } catch (RejectedExecutionException stopping) {
                        read.outcome().complete(false); // shutting down: the next full run reads it
                    }
                }
            });
        });
    }

    private CompletableFuture<Boolean> read(Target target, Trigger trigger) {
        var collector = runner.find(target.collector()).filter(Collector::enabled)
                .filter(TargetedCollector.class::isInstance).map(TargetedCollector.class::cast);
        if (collector.isEmpty() || !collector.get().targetKinds().contains(target.kind())) {
            LOG.warnf("%s delivery %s names %s, which no enabled collector reads: the next full run will",
                    trigger.provider(), trigger.deliveryId(), target);
            return CompletableFuture.completedFuture(true);
        }
        CompletableFuture<RunState> ended = new CompletableFuture<>();
        try {
            runner.startTargeted(collector.get(), target, trigger, ended);
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not start the read of %s for %s delivery %s", target, trigger.provider(),
                    trigger.deliveryId());
            ended.completeExceptionally(e);
        }
        return ended.thenApply(state -> state == RunState.COMPLETED);
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
