package dev.vigil.collector.run;

import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.kafka.EventPublisher;
import dev.vigil.collector.spi.ApiCalls;
import dev.vigil.collector.spi.Collector;
import dev.vigil.collector.spi.AllowListDefinitions;
import dev.vigil.collector.spi.RawResponses;
import dev.vigil.collector.spi.Target;
import dev.vigil.collector.spi.TargetedCollector;
import dev.vigil.common.evidence.RunState;
import dev.vigil.common.evidence.Trigger;
import dev.vigil.common.store.EvidenceStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Starts collection runs in the background, one at a time per collector: asking for a run of a collector that
 * is already running returns the run in progress.
 */
@ApplicationScoped
public class CollectionRunner {
    private static final Logger LOG = Logger.getLogger(CollectionRunner.class);

    /** A run that was started (or was already running). */
    public record StartedRun(String runId, String collector, boolean alreadyRunning) {
    }

    private final List<Collector> collectors;
    private final EventPublisher publisher;
    private final EvidenceStore store;
    private final RunHistory history;
    private final MeterRegistry meters;
    private final Run.Settings settings;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, String> active = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> budget = new ConcurrentHashMap<>();
    private final ExecutorService executor;

    public CollectionRunner(Instance<Collector> collectors, EventPublisher publisher, EvidenceStore store,
                            RunHistory history, MeterRegistry meters, VigilConfig config) {
        this.collectors = collectors.stream().sorted(Comparator.comparing(Collector::name)).toList();
        this.publisher = publisher;
        this.store = store;
        this.history = history;
        this.meters = meters;
        this.settings = new Run.Settings(config.topics().evidence(), config.topics().collectionRuns(),
                config.collection().progressEvery(), config.collection().publishTimeout());
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(Math.max(1, config.collection().parallelRuns()), r -> {
            Thread t = new Thread(r, "collection-run-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Every collector bean, enabled or not. */
    public List<Collector> all() {
        return collectors;
    }

    public List<Collector> enabled() {
        return collectors.stream().filter(Collector::enabled).toList();
    }

    public Optional<Collector> find(String name) {
        return collectors.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public List<StartedRun> startAll() {
        return enabled().stream().map(this::start).toList();
    }

    public synchronized StartedRun start(Collector collector) {
        String running = active.get(collector.name());
        if (running != null) {
            return new StartedRun(running, collector.name(), true);
        }
        String runId = UUID.randomUUID().toString();
        active.put(collector.name(), runId);
        Run run = new Run(collector, runId, clock, publisher, settings,
                new RawResponses(store, AllowListDefinitions.of(collector)), history::put);
        executor.submit(() -> execute(collector, run));
        return new StartedRun(runId, collector.name(), false);
    }

    /**
     * Starts a targeted run: the collector reads only what the target names, and the run and its evidence name the
     * provider event. Targeted runs do not wait for, or block, a run of everything of the same collector: they read
     * little, and the evaluator keeps the two apart.
     */
    public StartedRun startTargeted(TargetedCollector collector, Target target, Trigger trigger) {
        return startTargeted(collector, target, trigger, new CompletableFuture<>());
    }

    /**
     * As above; {@code ended} completes with the run's final state once its end was published (every evidence
     * record of a COMPLETED run acknowledged by the broker), or exceptionally if the run could not be executed. A
     * queue consumer deletes its message only then.
     */
    public StartedRun startTargeted(TargetedCollector collector, Target target, Trigger trigger,
                                    CompletableFuture<RunState> ended) {
        String runId = UUID.randomUUID().toString();
        Run run = new Run(collector, runId, clock, publisher, settings,
                new RawResponses(store, AllowListDefinitions.of(collector)), history::put,
                context -> collector.collect(context, target), trigger);
        LOG.infof("targeted run %s of %s reads %s %s for %s delivery %s (%s)", runId, collector.name(), target.kind(),
                target.name(), trigger.provider(), trigger.deliveryId(), trigger.eventType());
        try {
            executor.submit(() -> {
                try {
                    ended.complete(execute(collector, run, false));
                } catch (RuntimeException | Error e) {
                    ended.completeExceptionally(e);
                    throw e;
                }
            });
        } catch (RuntimeException e) { // rejected: the service is stopping
            ended.completeExceptionally(e);
            throw e;
        }
        return new StartedRun(runId, collector.name(), false);
    }

    private void execute(Collector collector, Run run) {
        execute(collector, run, true);
    }

    private RunState execute(Collector collector, Run run, boolean sweep) {
        long start = System.nanoTime();
        try {
            RunState end = run.execute();
            meters.counter("vigil.collector.runs", "collector", collector.name(), "state", end.name(),
                    "scope", sweep ? "all" : "targeted").increment();
            ApiCalls.Summary calls = run.apiCalls();
            meters.counter("vigil.collector.api.calls", "collector", collector.name(), "kind", "counted")
                    .increment(calls.counted());
            meters.counter("vigil.collector.api.calls", "collector", collector.name(), "kind", "revalidated")
                    .increment(calls.revalidated());
            if (calls.rateLimitRemaining() != null) {
                budget.computeIfAbsent(collector.name(), name -> meters.gauge("vigil.collector.rate.limit.remaining",
                        Tags.of("collector", name), new AtomicLong())).set(calls.rateLimitRemaining());
            }
            LOG.infof("run %s of %s ended %s; %d provider calls counted against the rate limit, %d revalidated "
                            + "(304)%s", run.runId(), collector.name(), end, calls.counted(), calls.revalidated(),
                    calls.rateLimitRemaining() == null ? "" : "; rate limit " + calls.rateLimitRemaining() + " of "
                            + calls.rateLimitLimit() + " left until " + calls.rateLimitReset());
            return end;
        } finally {
            meters.timer("vigil.collector.run.duration", "collector", collector.name(), "scope",
                    sweep ? "all" : "targeted").record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            if (sweep) {
                active.remove(collector.name());
            }
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
