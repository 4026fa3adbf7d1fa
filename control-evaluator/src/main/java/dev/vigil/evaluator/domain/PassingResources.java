package dev.vigil.evaluator.domain;

import java.time.Instant;

/**
 * Resources in scope of a control that pass every rule of it that applies to them, counted instead of listed: a
 * control over fifty thousand buckets needs the few that fail by name, and of the rest only how many there are
 * and how old their evidence is.
 *
 * @param count            how many
 * @param staleCount       how many have evidence older than the control's freshness window
 * @param oldestObservedAt the oldest evidence among them, or null when there are none
 */
public record PassingResources(long count, long staleCount, Instant oldestObservedAt) {
    public static final PassingResources NONE = new PassingResources(0, 0, null);
}
