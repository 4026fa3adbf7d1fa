package dev.vigil.evaluator.ingest;

import dev.vigil.common.evidence.EvidenceEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one poll of evidence changes, decided from the stored state of the resources it names. Pure: the
 * adapter reads the current states, asks this plan, and writes what it says in one transaction.
 *
 * <p>The rules are the ones a single record follows, applied to the whole poll at once: every distinct evidence
 * version is recorded (with the earliest and latest time it was observed); a resource's state moves only to
 * evidence at least as new as what is stored, and never for an exact redelivery; within the poll the newest
 * evidence of a resource wins, the later record on a tie (records of one resource share a partition, so later
 * means later in the topic).
 */
public final class EvidenceBatchPlan {
    /** The stored state of one resource, as far as the plan needs it. */
    public record Current(String runId, String evidenceId, Instant observedAt) {
    }

    /** One evidence version to record, with the observation times seen in this poll. */
    public record Version(EvidenceEvent event, Instant firstObservedAt, Instant lastObservedAt) {
    }

    /** A new current state for a resource; {@code firstOfRun}: the resource did not carry this run's id before. */
    public record NewState(EvidenceEvent event, boolean firstOfRun) {
    }

    private final List<Version> versions;
    private final List<NewState> states;

    private EvidenceBatchPlan(List<Version> versions, List<NewState> states) {
        this.versions = versions;
        this.states = states;
    }

    /**
     * @param events  the poll's evidence, in topic order (per resource)
     * @param current stored state by resource key, for the resources the events name (absent: never seen)
     */
    public static EvidenceBatchPlan of(List<EvidenceEvent> events, Map<String, Current> current) {
        Map<String, Version> versions = new LinkedHashMap<>();
        Map<String, EvidenceEvent> newest = new TreeMap<>(); // sorted: rows are written in key order
        for (EvidenceEvent e : events) {
            versions.merge(e.id(), new Version(e, e.observedAt(), e.observedAt()), (a, b) -> new Version(a.event(),
                    min(a.firstObservedAt(), b.firstObservedAt()), max(a.lastObservedAt(), b.lastObservedAt())));
            newest.merge(e.resourceKey(), e, (a, b) -> b.observedAt().isBefore(a.observedAt()) ? a : b);
        }
        List<NewState> states = new ArrayList<>();
        for (EvidenceEvent e : newest.values()) {
            Current now = current.get(e.resourceKey());
            if (now != null && now.observedAt().isAfter(e.observedAt())) {
                continue; // older than what we know: history only
            }
            if (now != null && now.runId().equals(e.runId()) && now.evidenceId().equals(e.id())
                    && now.observedAt().equals(e.observedAt())) {
                continue; // exact redelivery
            }
            states.add(new NewState(e, now == null || !now.runId().equals(e.runId())));
        }
        return new EvidenceBatchPlan(List.copyOf(versions.values()), List.copyOf(states));
    }

    /** Every distinct evidence version of the poll, once each. */
    public List<Version> versions() {
        return versions;
    }

    /** The resources whose current state changes, in resource-key order. */
    public List<NewState> states() {
        return states;
    }

    /** How many resources newly carry each run's id, for one collection (source and resource type). */
    public Map<String, Long> firstSeenByRun(Collection collection) {
        Map<String, Long> counts = new TreeMap<>();
        for (NewState s : states) {
            if (s.firstOfRun() && s.event().source().uri().equals(collection.source())
                    && s.event().resourceType().equals(collection.resourceType())) {
                counts.merge(s.event().runId(), 1L, Long::sum);
            }
        }
        return counts;
    }

    /** A collection: the evidence of one resource type from one source. */
    public record Collection(String source, String resourceType) implements Comparable<Collection> {
        @Override
        public int compareTo(Collection o) {
            int c = source.compareTo(o.source);
            return c != 0 ? c : resourceType.compareTo(o.resourceType);
        }
    }

    /** The collections the poll names, each once, in a fixed order (locks are taken in this order). */
    public List<Collection> collections() {
        return collectionsOf(versions.stream().map(Version::event).toList());
    }

    /** The collections some events name, each once, in a fixed order. */
    public static List<Collection> collectionsOf(List<EvidenceEvent> events) {
        return events.stream().map(e -> new Collection(e.source().uri(), e.resourceType())).distinct().sorted().toList();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
