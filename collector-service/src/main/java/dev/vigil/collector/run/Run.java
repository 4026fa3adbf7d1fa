package dev.vigil.collector.run;

import dev.vigil.collector.kafka.EventPublisher;
import dev.vigil.collector.spi.ApiCalls;
import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.collector.spi.Collector;
import dev.vigil.collector.spi.RawResponse;
import dev.vigil.collector.spi.RawResponses;
import dev.vigil.common.evidence.CollectionRunEvent;
import dev.vigil.common.evidence.EventCodec;
import dev.vigil.common.evidence.EvidenceEvent;
import dev.vigil.common.evidence.Provenance;
import dev.vigil.common.evidence.Redactor;
import dev.vigil.common.evidence.RunFailure;
import dev.vigil.common.evidence.RunState;
import dev.vigil.common.evidence.Trigger;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One execution of one collector: publishes STARTED, the evidence, PROGRESS every N items, and, once the broker
 * acknowledged every evidence record, the final COMPLETED, PARTIAL or FAILED event. A targeted run (a provider
 * event named what to read again) does the same for what it reads, and names the event in its run events and in the
 * provenance of every evidence item it publishes.
 */
final class Run implements CollectionContext {
    private static final Logger LOG = Logger.getLogger(Run.class);

    record Settings(String evidenceTopic, String runsTopic, int progressEvery, Duration publishTimeout) {
    }

    /** What the run reads: everything the collector covers, or one target. */
    @FunctionalInterface
    interface Work {
        void collect(CollectionContext context) throws Exception;
    }

    private final Collector collector;
    private final String runId;
    private final Clock clock;
    private final Instant startedAt;
    private final EventPublisher publisher;
    private final Settings settings;
    private final RawResponses raw;
    private final Consumer<RunSummary> onChange;
    private final Work work;
    private final Trigger trigger;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final List<RunFailure> failures = new ArrayList<>();
    private final List<CompletableFuture<?>> pending = new ArrayList<>();
    private long published;
    /** Why the run was stopped before its end (its lease was taken over), or null. */
    private volatile String stoppedBecause;

    Run(Collector collector, String runId, Clock clock, EventPublisher publisher, Settings settings, RawResponses raw,
        Consumer<RunSummary> onChange) {
        this(collector, runId, clock, publisher, settings, raw, onChange, collector::collect, null);
    }

    /** @param trigger the provider event a targeted run answers; null for a run of everything */
    Run(Collector collector, String runId, Clock clock, EventPublisher publisher, Settings settings, RawResponses raw,
        Consumer<RunSummary> onChange, Work work, Trigger trigger) {
        this.work = work;
        this.trigger = trigger;
        this.collector = collector;
        this.runId = runId;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.publisher = publisher;
        this.settings = settings;
        this.raw = raw;
        this.onChange = onChange;
        collector.resourceTypes().forEach(t -> counts.put(t, 0L));
    }

    /** Runs the collector to its end and returns the final state; never throws. */
    RunState execute() {
        onChange.accept(summary(RunState.STARTED, null));
        publishRunEvent(RunState.STARTED);
        try {
            work.collect(this);
        } catch (Exception | LinkageError e) {
            if (stoppedBecause == null) { // else Stopped, perhaps wrapped by the collector's parallel reads: below
                LOG.errorf(RedactedException.of(e), "collector %s stopped in run %s", collector.name(), runId);
                for (String type : collector.resourceTypes()) {
                    failure(new RunFailure(type, null, "collection stopped: " + describe(e), null));
                }
            }
        }
        String stopped = stoppedBecause;
        if (stopped != null) { // what it did not read must not look read: the end is PARTIAL or FAILED, never COMPLETED
            for (String type : collector.resourceTypes()) {
                failure(new RunFailure(type, null, "run stopped before its end: " + stopped, null));
            }
        }
        awaitAcknowledgements();
        RunState end = finalState();
        Instant finishedAt = clock.instant();
        try {
            publishRunEvent(end, finishedAt).get(settings.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.errorf("interrupted while publishing the end of run %s", runId);
        } catch (ExecutionException | TimeoutException e) {
            LOG.errorf(RedactedException.of(e), "could not publish the end (%s) of run %s of %s", end, runId,
                    collector.name());
        }
        onChange.accept(summary(end, finishedAt));
        return end;
    }

    /**
     * Stops the run at its next piece of evidence: another instance owns the run now, so nothing more of this one is
     * published, and it ends with {@code reason} as a failure of every resource type (PARTIAL or FAILED), so that
     * what it did not read does not leave scope.
     */
    void stop(String reason) {
        stoppedBecause = reason;
    }

    /** Thrown out of {@link #evidence} once the run was stopped, so the collector's loop ends there. */
    static final class Stopped extends RuntimeException {
        Stopped(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The provider calls this run made so far. */
    ApiCalls.Summary apiCalls() {
        return raw.calls().summary();
    }

    @Override
    public String runId() {
        return runId;
    }

    @Override
    public void evidence(String resourceType, String resourceKey, Map<String, Object> facts, Provenance provenance) {
        if (!counts.containsKey(resourceType)) {
            throw new IllegalArgumentException(collector.name() + " does not declare resource type " + resourceType);
        }
        String stopped = stoppedBecause;
        if (stopped != null) {
            throw new Stopped(stopped);
        }
        EvidenceEvent event = EvidenceEvent.of(collector.source(), resourceType, resourceKey, clock.instant(), runId,
                Redactor.redactFacts(facts), Redactor.redactProvenance(trigger == null ? provenance
                        : provenance.withTrigger(trigger)));
        CompletableFuture<?> acked = publisher.send(settings.evidenceTopic(), resourceKey, EventCodec.encode(event))
                .whenComplete((metadata, error) -> {
                    if (error != null) {
                        failure(new RunFailure(resourceType, resourceKey, "evidence not published: " + describe(error),
                                null));
                    }
                });
        boolean progress;
        synchronized (this) {
            pending.add(acked);
            counts.merge(resourceType, 1L, Long::sum);
            published++;
            progress = settings.progressEvery() > 0 && published % settings.progressEvery() == 0;
        }
        if (progress) {
            publishRunEvent(RunState.PROGRESS);
            onChange.accept(summary(RunState.PROGRESS, null));
        }
    }

    @Override
    public synchronized void failure(RunFailure unredacted) {
        // Reasons quote providers' error bodies and URLs: redacted before they are logged, published or shown.
        RunFailure failure = Redactor.redactFailure(unredacted);
        LOG.warnf("run %s of %s could not read %s: %s%s", runId, collector.name(),
                failure.resourceKey() != null ? failure.resourceKey() : failure.resourceType(), failure.reason(),
                failure.missingPermission() != null ? " (missing permission: " + failure.missingPermission() + ")" : "");
        failures.add(failure);
    }

    @Override
    public RawResponses raw() {
        return raw;
    }

    @Override
    public Provenance provenance(String operation, Map<String, String> parameters, RawResponse response) {
        return new Provenance(operation, parameters, response == null ? null : response.etag(),
                response == null ? null : response.sha256(), collector.name(), collector.version());
    }

    private void awaitAcknowledgements() {
        List<CompletableFuture<?>> all;
        synchronized (this) {
            all = List.copyOf(pending);
        }
        try {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                    .get(settings.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unacknowledged("interrupted while waiting for the broker");
        } catch (TimeoutException e) {
            unacknowledged("broker did not acknowledge within " + settings.publishTimeout());
        } catch (ExecutionException e) {
            // each failed record already reported itself in its callback
        }
    }

    private void unacknowledged(String reason) {
        for (String type : collector.resourceTypes()) {
            failure(new RunFailure(type, null, "evidence not confirmed: " + reason, null));
        }
    }

    /** Clean run: COMPLETED. Failures with some evidence: PARTIAL. Failures and nothing read: FAILED. */
    synchronized RunState finalState() {
        if (failures.isEmpty()) {
            return RunState.COMPLETED;
        }
        return published == 0 ? RunState.FAILED : RunState.PARTIAL;
    }

    private CompletableFuture<?> publishRunEvent(RunState state) {
        return publishRunEvent(state, clock.instant());
    }

    private CompletableFuture<?> publishRunEvent(RunState state, Instant at) {
        CollectionRunEvent event;
        synchronized (this) {
            event = new CollectionRunEvent(runId, collector.name(), collector.source(), state, startedAt, at,
                    collector.resourceTypes(), counts, failures, trigger);
        }
        return publisher.send(settings.runsTopic(), event.key(), EventCodec.encode(event))
                .whenComplete((m, error) -> {
                    if (error != null) {
                        LOG.errorf("run event %s of run %s not published: %s", state, runId, describe(error));
                    }
                });
    }

    private synchronized RunSummary summary(RunState state, Instant finishedAt) {
        return new RunSummary(runId, collector.name(), collector.source().uri(), state, startedAt, finishedAt,
                Map.copyOf(counts), List.copyOf(failures), raw.calls().summary(), trigger);
    }

    static String describe(Throwable e) {
        Throwable t = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        String message = t.getMessage();
        return Redactor.redactText(t.getClass().getSimpleName() + (message != null ? ": " + message : ""));
    }
}
