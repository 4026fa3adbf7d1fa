package dev.vigil.collector.spi;

import dev.vigil.common.evidence.AllowLists;
import dev.vigil.common.store.EvidenceStore;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The raw responses of one run, redacted and stored as they arrive (the collector reads its facts from the answer
 * as sent; only what is kept is redacted). HTTP adapters record each response under a
 * key (a URL path, or an SDK operation and its bucket); the collector later looks up the one its facts came
 * from to cite it in the provenance. The latest response under a key wins (a retried call overwrites).
 */
public final class RawResponses {
    private final EvidenceStore store;
    private final AllowLists allowLists;
    private final Map<String, Entry> byKey = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final ApiCalls calls = new ApiCalls();

    private record Entry(long seq, RawResponse response) {
    }

    public RawResponses(EvidenceStore store) {
        this(store, AllowLists.none());
    }

    /** Bodies of a kind {@code allowLists} knows are masked to its list before the pattern net. */
    public RawResponses(EvidenceStore store, AllowLists allowLists) {
        this.store = store;
        this.allowLists = allowLists;
    }

    /** The provider calls this run made (counted by the HTTP layer). */
    public ApiCalls calls() {
        return calls;
    }

    public RawResponse keep(String key, byte[] body, String etag, int status) {
        String sha = store.put(allowLists.redact(key, body));
        RawResponse response = new RawResponse(sha, etag, status);
        byKey.put(key, new Entry(sequence.incrementAndGet(), response));
        return response;
    }

    public Optional<RawResponse> get(String key) {
        return Optional.ofNullable(byKey.get(key)).map(Entry::response);
    }

    /** The latest response whose key ends with {@code suffix} (keys of URL paths carry the API's prefix). */
    public Optional<RawResponse> latestEndingWith(String suffix) {
        return byKey.entrySet().stream()
                .filter(e -> e.getKey().endsWith(suffix))
                .max(Comparator.comparingLong(e -> e.getValue().seq()))
                .map(e -> e.getValue().response());
    }
}
