package dev.vigil.collector.events;

import java.time.Instant;

/**
 * The provider deliveries seen lately, so that one sent again (a retry, a redelivery from the provider's console, a
 * queue's second delivery, a replay of a captured request) reads nothing again. Forgetting too early costs only a
 * read that was already made; remembering a delivery whose read failed would lose it, hence {@link #forget}.
 */
public interface DeliveryMemory {

    /** True the first time a provider's delivery id is seen within the memory; records it. */
    boolean firstTime(String provider, String deliveryId, Instant now);

    /**
     * Forgets a delivery whose read failed, so that the provider's next attempt is read rather than taken for a
     * duplicate.
     */
    void forget(String provider, String deliveryId);
}
