package dev.vigil.evaluator.domain;

import java.util.List;
import java.util.Map;

/** Typed, strict access to an evidence item's facts: a missing or mistyped fact is an error, not a default. */
public record Facts(Map<String, Object> values) {

    public static final class MissingFactException extends RuntimeException {
        public MissingFactException(String message) {
            super(message);
        }
    }

    public boolean bool(String name) {
        return get(name, Boolean.class);
    }

    public int integer(String name) {
        return get(name, Number.class).intValue();
    }

    public String string(String name) {
        return get(name, String.class);
    }

    /** A string fact that may be null (e.g. no default encryption configured). */
    public String optionalString(String name) {
        if (!values.containsKey(name)) {
            throw new MissingFactException("evidence lacks fact '" + name + "'");
        }
        Object v = values.get(name);
        return v == null ? null : get(name, String.class);
    }

    /** A nested object fact that may be null (e.g. no public access block configured). */
    @SuppressWarnings("unchecked")
    public Facts optionalFacts(String name) {
        if (!values.containsKey(name)) {
            throw new MissingFactException("evidence lacks fact '" + name + "'");
        }
        return values.get(name) == null ? null : new Facts(get(name, Map.class));
    }

    public List<?> list(String name) {
        return get(name, List.class);
    }

    private <T> T get(String name, Class<T> type) {
        Object v = values.get(name);
        if (v == null) {
            throw new MissingFactException("evidence lacks fact '" + name + "'");
        }
        if (!type.isInstance(v)) {
            throw new MissingFactException("fact '" + name + "' should be " + type.getSimpleName().toLowerCase()
                    + " but is " + v.getClass().getSimpleName());
        }
        return type.cast(v);
    }
}
