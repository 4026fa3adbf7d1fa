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
 *
 * <p>A resource also remembers the last <em>sweep</em> (a run of everything its collector covers) that saw it: the
 * run id scope settlement counts and retires by, and when that sweep saw it. Evidence of a targeted run (its
 * provenance names the provider event that triggered it) moves the facts but never that mark, so a targeted read
 * cannot make the next sweep's settlement retire the resource. A sweep's evidence marks the resource seen by that
 * sweep even when a targeted read stored newer facts meanwhile (the sweep read it before the event); an older
 * sweep's evidence replayed after a newer sweep's never does.
 */
public final class EvidenceBatchPlan {
    /**
     * The stored state of one resource, as far as the plan needs it.
     *
     * @param runId   the sweep that saw it last (or, when only targeted runs have, the first of them)
     * @param sweptAt when that sweep observed it; null when only targeted runs have
     */
    public record Current(String runId, String evidenceId, Instant observedAt, Instant sweptAt) {
    }

    /** One evidence version to record, with the observation times seen in this poll. */
    public record Version(EvidenceEvent event, Instant firstObservedAt, Instant lastObservedAt) {
    }

    /**
     * A new current state for a resource. For a sweep's evidence the sweep's mark moves with it; a targeted run's
     * evidence keeps the stored mark ({@link #sweep}). {@code firstOfRun}: the resource did not carry this sweep's
     * id before.
     */
    public record NewState(EvidenceEvent event, boolean firstOfRun) {
        /** Whether this evidence comes from a sweep, and so moves the resource's sweep mark. */
        public boolean sweep() {
            return !targeted(event);
        }
    }

    /**
     * A sweep saw the resource, but its evidence is older than what is stored (a targeted read came after): only
     * the sweep's mark moves, the facts stay.
     */
    public record SeenBySweep(EvidenceEvent event, boolean firstOfRun) {
    }

    private final List<Version> versions;
    private final List<NewState> states;
    private final List<SeenBySweep> seen;

    private EvidenceBatchPlan(List<Version> versions, List<NewState> states, List<SeenBySweep> seen) {
        this.versions = versions;
        this.states = states;
        this.seen = seen;
    }

    /** Evidence a targeted run read: its provenance names the provider event that triggered the read. */
    public static boolean targeted(EvidenceEvent e) {
        return e.provenance().trigger() != null;
    }

    /**
     * @param events  the poll's evidence, in topic order (per resource)
     * @param current stored state by resource key, for the resources the events name (absent: never seen)
     */
    public static EvidenceBatchPlan of(List<EvidenceEvent> events, Map<String, Current> current) {
        Map<String, Version> versions = new LinkedHashMap<>();
        Map<String, EvidenceEvent> newest = new TreeMap<>(); // sorted: rows are written in key order
        Map<String, EvidenceEvent> newestOfSweep = new TreeMap<>();
        for (EvidenceEvent e : events) {
            versions.merge(e.id(), new Version(e, e.observedAt(), e.observedAt()), (a, b) -> new Version(a.event(),
                    min(a.firstObservedAt(), b.firstObservedAt()), max(a.lastObservedAt(), b.lastObservedAt())));
            newest.merge(e.resourceKey(), e, EvidenceBatchPlan::newer);
            if (!targeted(e)) {
                newestOfSweep.merge(e.resourceKey(), e, EvidenceBatchPlan::newer);
            }
        }
        List<NewState> states = new ArrayList<>();
        List<SeenBySweep> seen = new ArrayList<>();
        for (EvidenceEvent e : newest.values()) {
            Current now = current.get(e.resourceKey());
            boolean moves = movesState(e, now);
            if (moves) {
                states.add(new NewState(e, !targeted(e) && (now == null || !now.runId().equals(e.runId()))));
            }
            EvidenceEvent sweep = newestOfSweep.get(e.resourceKey());
            if (sweep != null && !(moves && sweep == e) && marksSweep(sweep, now)) {
                // stored, or about to be stored by a targeted read: the sweep saw it all the same
                boolean inserted = now == null;
                seen.add(new SeenBySweep(sweep, inserted || !now.runId().equals(sweep.runId())));
            }
        }
        return new EvidenceBatchPlan(List.copyOf(versions.values()), List.copyOf(states), List.copyOf(seen));
    }

    private static boolean movesState(EvidenceEvent e, Current now) {
        if (now == null) {
            return true;
        }
        if (now.observedAt().isAfter(e.observedAt())) {
            return false; // older than what we know: history only (a sweep's may still mark it seen)
        }
        boolean sameObservation = now.evidenceId().equals(e.id()) && now.observedAt().equals(e.observedAt());
        // exact redelivery; a targeted read's evidence does not carry its run id into the state
        return !(sameObservation && (targeted(e) || now.runId().equals(e.runId())));
    }

    /** Whether a sweep's evidence is a later sighting by a sweep than the one stored. */
    private static boolean marksSweep(EvidenceEvent sweep, Current now) {
        return now == null || now.sweptAt() == null || sweep.observedAt().isAfter(now.sweptAt());
    }

    private static EvidenceEvent newer(EvidenceEvent a, EvidenceEvent b) {
        return b.observedAt().isBefore(a.observedAt()) ? a : b;
    }

    /** Every distinct evidence version of the poll, once each. */
    public List<Version> versions() {
        return versions;
    }

    /** The resources whose current state changes, in resource-key order. */
    public List<NewState> states() {
        return states;
    }

    /** The resources a sweep saw whose facts stay (newer ones are stored), in resource-key order. */
    public List<SeenBySweep> seenBySweep() {
        return seen;
    }

    /** How many resources newly carry each sweep's id, for one collection (source and resource type). */
    public Map<String, Long> firstSeenByRun(Collection collection) {
        Map<String, Long> counts = new TreeMap<>();
        for (NewState s : states) {
            countFirst(counts, collection, s.event(), s.firstOfRun());
        }
        for (SeenBySweep s : seen) {
            countFirst(counts, collection, s.event(), s.firstOfRun());
        }
        return counts;
    }

    private static void countFirst(Map<String, Long> counts, Collection collection, EvidenceEvent e, boolean first) {
        if (first && e.source().uri().equals(collection.source())
                && e.resourceType().equals(collection.resourceType())) {
            counts.merge(e.runId(), 1L, Long::sum);
        }
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
