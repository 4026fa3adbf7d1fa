package dev.vigil.collector.spi;

/**
 * A provider's change events as they reach Vigil (its webhook receiver): what the schedule needs to know of them
 * without depending on how they are received. When they are on, collectors they name run less often, as
 * reconciliation sweeps ({@code run.CollectionIntervals}).
 */
public interface ProviderEvents {
    /** {@code github}, {@code okta}, ...: the providers' name as collectors give it ({@link Collector#provider()}). */
    String provider();

    /** Whether events are received at all (a secret is configured). */
    boolean enabled();
}
