package dev.vigil.common.evidence;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A collection run's start, progress and end. The evaluator uses it to tell "no resources" from
 * "could not read", and to retire resources that a complete run no longer sees.
 *
 * @param resourceTypes every resource type this collector covers (what a COMPLETED run vouches for)
 * @param counts        evidence items published so far, per resource type
 * @param trigger       for a targeted run, the provider event whose target it re-read; null for a scheduled or
 *                      requested run of everything. A targeted run vouches for nothing beyond what it published:
 *                      the evaluator records it but settles no scope and records no coverage gap from it.
 */
public record CollectionRunEvent(
        String runId,
        String collector,
        SourceRef source,
        RunState state,
        Instant startedAt,
        Instant at,
        List<String> resourceTypes,
        Map<String, Long> counts,
        List<RunFailure> failures,
        @JsonInclude(JsonInclude.Include.NON_NULL) Trigger trigger) {

    public CollectionRunEvent {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(collector, "collector");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(at, "at");
        startedAt = Times.micros(startedAt);
        at = Times.micros(at);
        resourceTypes = resourceTypes == null ? List.of() : List.copyOf(resourceTypes);
        counts = counts == null ? Map.of() : Map.copyOf(counts);
        failures = failures == null ? List.of() : List.copyOf(failures);
    }

    /** A run of everything the collector covers (not targeted). */
    public CollectionRunEvent(String runId, String collector, SourceRef source, RunState state, Instant startedAt,
                              Instant at, List<String> resourceTypes, Map<String, Long> counts,
                              List<RunFailure> failures) {
        this(runId, collector, source, state, startedAt, at, resourceTypes, counts, failures, null);
    }

    /** Whether the run re-read only what a provider event named ({@link #trigger}). */
    public boolean targeted() {
        return trigger != null;
    }

    /** Deterministic per run and state, so a re-sent run event is recognised. */
    public String eventId() {
        return runId + ":" + state + (state == RunState.PROGRESS ? ":" + at : "");
    }

    /** Kafka key: runs of one collector against one source stay in order. */
    public String key() {
        return source.uri() + "#" + collector;
    }
}
