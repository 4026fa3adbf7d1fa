package dev.vigil.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * When each milestone of a pipeline run was first seen, as time since the clock started (the three services were
 * launched). Instants other processes report (a run's startedAt) are placed on the same axis by wall clock: they
 * run on this machine.
 */
final class Timeline {
    private final long startNanos = System.nanoTime();
    private final Instant startWall = Instant.now();
    private final Map<String, Duration> marks = new LinkedHashMap<>();

    /** Records the milestone at {@code nanos} (System.nanoTime) unless it was recorded already. */
    void mark(String milestone, long nanos) {
        marks.putIfAbsent(milestone, Duration.ofNanos(nanos - startNanos));
    }

    void mark(String milestone, Instant at) {
        marks.putIfAbsent(milestone, sinceStart(at));
    }

    /** A wall-clock instant on this axis. */
    Duration sinceStart(Instant at) {
        return Duration.between(startWall, at);
    }

    /** Forgets a milestone that turned out not to hold (a lag that came back). */
    void unmark(String milestone) {
        marks.remove(milestone);
    }

    boolean has(String milestone) {
        return marks.containsKey(milestone);
    }

    Optional<Duration> at(String milestone) {
        return Optional.ofNullable(marks.get(milestone));
    }

    Duration get(String milestone) {
        Duration d = marks.get(milestone);
        if (d == null) {
            throw new IllegalStateException("no " + milestone + " recorded");
        }
        return d;
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    long startNanos() {
        return startNanos;
    }
}
