package dev.vigil.common.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The allow-lists of one collector, read from its definition ({@code allow-lists.json} beside it):
 * <pre>{"kinds": [{"kind": "github organization", "key": "/orgs/[^/?]+$", "keep": ["login", "id", ...]}, ...]}</pre>
 * A raw response is masked by the first kind whose {@code key} it matches; one no kind matches is left to the
 * pattern net alone.
 */
public final class AllowLists {
    private static final AllowLists NONE = new AllowLists(List.of());
    private final List<AllowList> kinds;

    private AllowLists(List<AllowList> kinds) {
        this.kinds = List.copyOf(kinds);
    }

    public static AllowLists none() {
        return NONE;
    }

    public static AllowLists of(List<AllowList> kinds) {
        return new AllowLists(kinds);
    }

    /** Parses a definition; a malformed one is refused, naming what is wrong. */
    public static AllowLists parse(String json) {
        JsonNode root;
        try {
            root = EventCodec.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("allow-list definition is not JSON: " + e.getOriginalMessage(), e);
        }
        List<AllowList> kinds = new ArrayList<>();
        for (JsonNode k : root.path("kinds")) {
            String kind = k.path("kind").asText(null);
            String key = k.path("key").asText(null);
            if (kind == null || key == null || !k.path("keep").isArray()) {
                throw new IllegalArgumentException("allow-list kind needs 'kind', 'key' and 'keep': " + k);
            }
            List<String> keep = new ArrayList<>();
            k.path("keep").forEach(p -> keep.add(p.asText()));
            kinds.add(new AllowList(kind, key, keep));
        }
        return new AllowLists(kinds);
    }

    public List<AllowList> kinds() {
        return kinds;
    }

    public Optional<AllowList> forKey(String rawKey) {
        return kinds.stream().filter(k -> k.covers(rawKey)).findFirst();
    }

    /** Redacts a raw response kept under {@code rawKey}: its allow-list if it has one, then the pattern net. */
    public byte[] redact(String rawKey, byte[] body) {
        return Redactor.redactBody(body, forKey(rawKey).orElse(null));
    }
}
