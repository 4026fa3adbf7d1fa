package dev.vigil.common.evidence;

/** Life of one collection run, as published on the collection-run topic. */
public enum RunState {
    STARTED,
    /** Counts so far; the run goes on. */
    PROGRESS,
    /** Every resource type the collector covers was read in full: absent resources have left scope. */
    COMPLETED,
    /** Some resource types (or resources) could not be read; see the failures. Nothing leaves scope. */
    PARTIAL,
    /** Nothing trustworthy was read; see the failures. */
    FAILED;

    public boolean finished() {
        return this == COMPLETED || this == PARTIAL || this == FAILED;
    }
}
