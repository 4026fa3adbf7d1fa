package dev.vigil.collector.testing;

import dev.vigil.collector.config.VigilConfig;
import io.smallrye.config.WithDefault;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link VigilConfig} without Quarkus, for tests that run a collector directly: every key takes its
 * {@code @WithDefault}, or the value given by method name ({@code "github.endpoint"}, {@code "retry.maxAttempts"}).
 */
public final class TestConfig {
    private TestConfig() {
    }

    public static VigilConfig of(Map<String, Object> values) {
        return new VigilConfig(mapping(VigilConfig.Collection.class, "", values),
                mapping(VigilConfig.Topics.class, "topics.", values),
                mapping(VigilConfig.Collectors.class, "", values));
    }

    @SuppressWarnings("unchecked")
    private static <T> T mapping(Class<T> type, String prefix, Map<String, Object> values) {
        Map<String, Object> nested = new HashMap<>();
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("toString") ? type.getSimpleName() : method.invoke(values, args);
            }
            String key = prefix + method.getName();
            Class<?> returns = method.getReturnType();
            if (returns.isInterface() && returns != Optional.class && returns.getName().startsWith("dev.vigil")) {
                return nested.computeIfAbsent(key, k -> mapping(returns, k + ".", values));
            }
            if (returns == Optional.class) {
                return Optional.ofNullable(values.get(key));
            }
            if (values.containsKey(key)) {
                return values.get(key);
            }
            return parse(method, returns);
        });
    }

    private static Object parse(Method method, Class<?> returns) {
        WithDefault d = method.getAnnotation(WithDefault.class);
        if (d == null) {
            throw new IllegalStateException("no value for " + method.getName());
        }
        String v = d.value();
        if (returns == int.class) {
            return Integer.parseInt(v);
        }
        if (returns == boolean.class) {
            return Boolean.parseBoolean(v);
        }
        if (returns == Duration.class) {
            return v.matches("\\d+ms") ? Duration.ofMillis(Long.parseLong(v.replace("ms", "")))
                    : Duration.parse("PT" + v.toUpperCase());
        }
        return v;
    }
}
