package dev.vigil.collector.events;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP delivery to a receiver, as it came: its headers (names in lower case), its query parameters (decoded,
 * the first value of each; Microsoft Graph sends its validation token there) and its raw body, which is what
 * providers sign. Nothing in it is trusted until the receiver verified it.
 */
public record Delivery(String provider, Map<String, String> headers, Map<String, String> query, byte[] body,
                       Instant receivedAt) {
    public Delivery {
        Map<String, String> lower = new TreeMap<>();
        headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        headers = Map.copyOf(lower);
        query = query == null ? Map.of() : Map.copyOf(query);
        body = body == null ? new byte[0] : body;
    }

    /** A delivery without a query string, as most providers send. */
    public Delivery(String provider, Map<String, String> headers, byte[] body, Instant receivedAt) {
        this(provider, headers, Map.of(), body, receivedAt);
    }

    /** A query parameter's decoded value, or null. */
    public String queryParameter(String name) {
        return query.get(name);
    }

    /** A header's value, or null; names are case-insensitive, as in HTTP. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
