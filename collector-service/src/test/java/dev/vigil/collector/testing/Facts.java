package dev.vigil.collector.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds an expected facts map; unlike Map.of it accepts null values (facts may be null). */
public final class Facts {
    private Facts() {
    }

    public static Map<String, Object> of(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
