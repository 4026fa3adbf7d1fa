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
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
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
 * Starts collection runs in the background. A run of everything of a collector on its target (organisation or
 * account) is owned by one instance of the group at a time, through its lease ({@link RunLease}, {@link LeaseStore}),
 * renewed while it runs: asking for a run that is already running, here or on another instance, returns the run in
 * progress and who holds it; a run whose instance died is taken over once its lease expired.
 */
@ApplicationScoped
public class CollectionRunner {
    private static final Logger LOG = Logger.getLogger(CollectionRunner.class);

    /** A run that was started (or was already running), and the instance that runs it. */
    public record StartedRun(String runId, String collector, boolean alreadyRunning, String heldBy) {
    }

    /** A run of everything this instance holds the lease of. */
    private record Active(RunHistory.Fence fence, String collector, Run run) {
    }

    private final List<Collector> collectors;
    private final EventPublisher publisher;
    private final EvidenceStore store;
    private final RunHistory history;
    private final MeterRegistry meters;
    private final Run.Settings settings;
    private final String instance;
    private final Clock clock = Clock.systemUTC();
    private final LeaseStore leases;
    private final Duration leaseTtl;
    private final Map<RunLease.Key, Active> active = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> budget = new ConcurrentHashMap<>();
    private final ExecutorService executor;

    public CollectionRunner(Instance<Collector> collectors, EventPublisher publisher, EvidenceStore store,
                            RunHistory history, LeaseStore leases, MeterRegistry meters, VigilConfig config) {
        this.leases = leases;
        this.leaseTtl = config.collection().leaseTtl();
        this.collectors = collectors.stream().sorted(Comparator.comparing(Collector::name)).toList();
        this.publisher = publisher;
        this.store = store;
        this.history = history;
        this.meters = meters;
        this.settings = new Run.Settings(config.topics().evidence(), config.topics().collectionRuns(),
                config.collection().progressEvery(), config.collection().publishTimeout());
        this.instance = config.collection().instanceId().filter(id -> !id.isBlank())
                .orElseGet(CollectionRunner::defaultInstance);
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(Math.max(1, config.collection().parallelRuns()), r -> {
            Thread t = new Thread(r, "collection-run-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The host name and a random suffix: unique per process, readable in leases and history. */
    static String defaultInstance() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "collector";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** This instance's name in run leases and history. */
    public String instance() {
        return instance;
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

    /** A run of everything, asked for now: started, or the run that holds its lease. */
    public StartedRun start(Collector collector) {
        return start(collector, new RunLease.Ask.Now()).orElseThrow();
    }

    /** The lease a collector's run of everything takes: the collector and its source. */
    public static RunLease.Key key(Collector collector) {
        return new RunLease.Key(collector.name(), collector.source().uri());
    }

    /**
     * A run of everything if {@code ask} wins its lease; the run holding it otherwise; empty when the ask is not due
     * (a schedule's tick before the collector's time, a start just after another instance's run).
     *
     * @throws IllegalStateException when the lease cannot be read (the database is unreachable)
     */
    public Optional<StartedRun> start(Collector collector, RunLease.Ask ask) {
        RunLease.Key key = key(collector);
        Active here = active.get(key);
        if (here != null) {
            return Optional.of(new StartedRun(here.fence().runId(), collector.name(), true, instance));
        }
        String runId = UUID.randomUUID().toString();
        RunLease.Decision decision = leases.acquire(key, ask, instance, runId, leaseTtl);
        if (decision instanceof RunLease.Decision.Held held) {
            return Optional.of(new StartedRun(held.current().runId(), collector.name(), true,
                    held.current().holder()));
        }
        if (!(decision instanceof RunLease.Decision.Granted granted)) {
            return Optional.empty();
        }
        if (granted.abandonedRunId() != null) {
            LOG.warnf("run %s of %s takes over from run %s: instance %s stopped renewing its lease", runId,
                    collector.name(), granted.abandonedRunId(), granted.abandonedBy());
            String reason = "run abandoned: instance " + granted.abandonedBy() + " stopped renewing its lease; run "
                    + runId + " took over";
            if (!history.abandon(granted.abandonedRunId(), reason)) {
                history.recordAbandoned(abandonedBeforeItsStart(collector, granted, reason), key.target(),
                        granted.abandonedBy());
            }
        }
        RunHistory.Fence fence = new RunHistory.Fence(key, granted.lease().token(), runId);
        Run run = new Run(collector, runId, clock, publisher, settings,
                new RawResponses(store, AllowListDefinitions.of(collector)), summary -> {
                    if (!history.put(summary, fence, instance)) {
                        LOG.warnf("run %s of %s (%s): not recorded; its lease (token %d) was taken over, or the "
                                + "database is unreachable", runId, collector.name(), summary.state(), fence.token());
                    }
                });
        active.put(key, new Active(fence, collector.name(), run));
        try {
            executor.submit(() -> execute(collector, run, fence));
        } catch (RuntimeException e) { // rejected: the service is stopping
            end(fence, null);
            throw e;
        }
        return Optional.of(new StartedRun(runId, collector.name(), false, instance));
    }

    /**
     * What the history keeps of a run its instance died before it recorded anything: FAILED, from its grant (the
     * lease's start) to now, every resource type unread for {@code reason}.
     */
    private RunSummary abandonedBeforeItsStart(Collector collector, RunLease.Decision.Granted granted, String reason) {
        Map<String, Long> counts = new LinkedHashMap<>();
        collector.resourceTypes().forEach(type -> counts.put(type, 0L));
        Instant now = clock.instant();
        Instant started = granted.abandonedStartedAt() == null ? now : granted.abandonedStartedAt();
        return new RunSummary(granted.abandonedRunId(), collector.name(), collector.source().uri(), RunState.STARTED,
                started, null, counts, List.of(), new ApiCalls.Summary(0, 0, null, null, null), null)
                .abandoned(reason, now);
    }

    /**
     * Pushes the expiry of every lease this instance holds forward; called every third of the lease's time. A lease
     * that was lost (this instance stalled longer than the lease, and another took the run over) stays lost: the run
     * stops at its next piece of evidence and ends PARTIAL or FAILED, and none of its history is recorded; the
     * instance that took it over runs it from the start.
     */
    public void renewLeases() {
        for (Active a : active.values()) {
            try {
                if (!leases.renew(a.fence().key(), a.fence().token(), leaseTtl)) {
                    LOG.warnf("run %s of %s lost its lease (token %d): another instance took it over; this run "
                            + "stops", a.fence().runId(), a.collector(), a.fence().token());
                    a.run().stop("its lease (token " + a.fence().token() + ") was taken over by another instance, "
                            + "which runs " + a.collector() + " again");
                    active.remove(a.fence().key(), a);
                }
            } catch (IllegalStateException e) {
                LOG.warnf("lease of run %s of %s not renewed: %s", a.fence().runId(), a.collector(), e.getMessage());
            }
        }
    }

    private void end(RunHistory.Fence fence, RunState state) {
        // only this run's entry: after a lost lease, a later run of the same key may hold it here again
        active.computeIfPresent(fence.key(), (key, a) -> a.fence().equals(fence) ? null : a);
        try {
            leases.release(fence.key(), fence.token(), state == null ? null : state.name());
        } catch (IllegalStateException e) {
            LOG.warnf("lease of run %s not released (it expires by itself): %s", fence.runId(), e.getMessage());
        }
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
                new RawResponses(store, AllowListDefinitions.of(collector)),
                summary -> history.put(summary, instance),
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
        return new StartedRun(runId, collector.name(), false, instance);
    }

    private void execute(Collector collector, Run run, RunHistory.Fence fence) {
        RunState end = null;
        try {
            end = execute(collector, run, true);
        } finally {
            end(fence, end);
        }
    }

    private RunState execute(Collector collector, Run run, boolean sweep) {
        long start = System.nanoTime();
        // In every log line of the run (JSON logs carry the MDC): which run and collector it belongs to.
        MDC.put("runId", run.runId());
        MDC.put("collector", collector.name());
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
            MDC.remove("runId");
            MDC.remove("collector");
            meters.timer("vigil.collector.run.duration", "collector", collector.name(), "scope",
                    sweep ? "all" : "targeted").record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Stops the runs and releases their leases while the database is still open, so that the group (or this
     * instance, restarted) need not wait for them to expire.
     */
    void stop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Active a : active.values()) {
            history.abandon(a.fence().runId(), "run stopped: instance " + instance + " shut down");
            end(a.fence(), null);
        }
    }
}
