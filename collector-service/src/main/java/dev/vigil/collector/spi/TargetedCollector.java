package dev.vigil.collector.spi;

import java.util.Set;

/**
 * A collector that can read again only what a provider event names, instead of everything it covers. The evidence
 * is the same as a full run publishes for those resources (same facts, same provenance, plus the trigger), but the
 * run vouches for nothing else: resources it did not read are not thereby gone.
 */
public interface TargetedCollector extends Collector {
    /** The target kinds {@link #collect(CollectionContext, Target)} reads. */
    Set<String> targetKinds();

    /**
     * Reads what the target names and reports it through the context, as {@link #collect(CollectionContext)} does
     * for everything; what cannot be read is a failure naming the resource.
     */
    void collect(CollectionContext context, Target target) throws Exception;

    /**
     * Whether its provider's events announce every change of every fact it publishes, so a daily sweep is enough
     * ({@code vigil.collection.every-with-events}). False unless a collector says otherwise: one fact that changes
     * silently (a GitHub member turning off two-factor, an Entra ID user's MFA methods) keeps the shorter interval.
     */
    default boolean eventsAnnounceEveryChange() {
        return false;
    }
}
