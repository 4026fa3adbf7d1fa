package dev.vigil.collector.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The delivery ids received lately, in this process's memory: bounded in time and in size, the oldest first out.
 * The services use {@link SharedDeliveryMemory}, which every instance shares and which falls back to this one while
 * the database cannot be reached.
 */
public final class RecentDeliveries implements DeliveryMemory {
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

    @Override
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

    @Override
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
