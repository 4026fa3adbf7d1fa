package dev.vigil.report.generated;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Test data: resources as the evaluator answers them, with the facts the collectors write (docs/evidence.md). */
final class Sources {
    static final Instant OBSERVED = Instant.parse("2026-12-04T06:00:00Z");

    static SourceResource resource(String type, String key, Map<String, Object> facts) {
        return new SourceResource(key, type, "sha256:" + Integer.toHexString(key.hashCode()), OBSERVED,
                Integer.toHexString(facts.hashCode()), facts);
    }

    /** key, value, key, value ...; values may be null. */
    static Map<String, Object> facts(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static SourceData data(SourceResource... resources) {
        Map<String, List<SourceResource>> byType = new HashMap<>();
        Arrays.stream(resources).forEach(r -> byType.computeIfAbsent(r.resourceType(), t -> new java.util.ArrayList<>())
                .add(r));
        return new SourceData(byType, Set.of());
    }

    private Sources() {
    }
}
