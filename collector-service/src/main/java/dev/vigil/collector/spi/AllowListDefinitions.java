package dev.vigil.collector.spi;

import dev.vigil.common.evidence.AllowLists;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds a collector's allow-lists by name: the resource {@code allow-lists.json} in the collector's own package
 * (beside its class), or its superclasses'. A collector without one has its answers redacted by the pattern net.
 */
public final class AllowListDefinitions {
    public static final String FILE = "allow-lists.json";
    private static final Map<Class<?>, AllowLists> LOADED = new ConcurrentHashMap<>();

    private AllowListDefinitions() {
    }

    public static AllowLists of(Collector collector) {
        return of(collector.getClass());
    }

    public static AllowLists of(Class<?> type) {
        return LOADED.computeIfAbsent(type, AllowListDefinitions::load);
    }

    private static AllowLists load(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try (InputStream in = c.getResourceAsStream(FILE)) {
                if (in != null) {
                    try {
                        return AllowLists.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalStateException(c.getPackageName().replace('.', '/') + "/" + FILE + ": "
                                + e.getMessage(), e);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return AllowLists.none();
    }
}
