package dev.vigil.collector.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The delivery ids received lately, so that a delivery the provider sends again (a retry, a redelivery from its
 * console, or a replay of a captured request) reads nothing again. Bounded in time and in size, the oldest first
 * out. In memory, so one instance and one restart forget: collector-service has no database yet; issue 15 moves
 * this state to PostgreSQL. Forgetting costs only a read that was already made.
 */
public final class RecentDeliveries {
    private final Duration memory;
    private final int capacity;
    private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

    public RecentDeliveries(Duration memory, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("delivery memory size must be at least 1, is " + capacity);
        }
        this.memory = memory;
        this.capacity = capacity;
    }

    /** True the first time a provider's delivery id is seen within the memory; records it. */
    public synchronized boolean firstTime(String provider, String deliveryId, Instant now) {
        forgetBefore(now.minus(memory));
        String key = provider + "\n" + deliveryId;
        if (seen.containsKey(key)) {
            return false;
        }
        seen.put(key, now);
        if (seen.size() > capacity) {
            Iterator<String> oldest = seen.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    /**
     * Forgets a delivery whose read failed, so that the provider's next attempt (a queue's redelivery) is read
     * rather than taken for a duplicate.
     */
    public synchronized void forget(String provider, String deliveryId) {
        seen.remove(provider + "\n" + deliveryId);
    }

    synchronized int size() {
        return seen.size();
    }

    /** Entries are in arrival order: expired ones are at the head. */
    private void forgetBefore(Instant horizon) {
        Iterator<Map.Entry<String, Instant>> it = seen.entrySet().iterator();
        while (it.hasNext() && !it.next().getValue().isAfter(horizon)) {
            it.remove();
        }
    }
}
