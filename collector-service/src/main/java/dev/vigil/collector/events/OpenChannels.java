package dev.vigil.collector.events;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The push channels Vigil opened and has not stopped (nor seen expire), so that a receiver refuses notifications of
 * any other channel: a stopped one replayed, or one someone else opened with a leaked token.
 */
public interface OpenChannels {

    void opened(String channelId, Instant expires);

    void closed(String channelId);

    boolean isOpen(String channelId, Instant now);

    /** This process's memory alone: for one instance, and for tests. */
    static OpenChannels inMemory() {
        Map<String, Instant> open = new ConcurrentHashMap<>();
        return new OpenChannels() {
            @Override
            public void opened(String channelId, Instant expires) {
                open.values().removeIf(at -> at.isBefore(Instant.now()));
                open.put(channelId, expires);
            }

            @Override
            public void closed(String channelId) {
                open.remove(channelId);
            }

            @Override
            public boolean isOpen(String channelId, Instant now) {
                Instant expires = open.get(channelId);
                return expires != null && now.isBefore(expires);
            }
        };
    }
}
