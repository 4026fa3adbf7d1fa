package dev.vigil.report.generated;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds one entry of a generated document: its fields in order, and last the resource key it comes from. */
final class Entry {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    static Entry of(String key, Object value) {
        return new Entry().with(key, value);
    }

    Entry with(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    Map<String, Object> from(SourceResource source) {
        fields.put("source", source.resourceKey());
        return fields;
    }

    /** A fact that is a list of objects (ingress rules, collaborators); absent or null: empty. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> objects(SourceResource r, String fact) {
        Object v = r.fact(fact);
        return v instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    /** The {@code login} of every object in a list fact (collaborators). */
    static Set<Object> logins(SourceResource r, String fact) {
        Set<Object> logins = new HashSet<>();
        objects(r, fact).forEach(c -> logins.add(c.get("login")));
        return logins;
    }

    /** The account id in an AWS resource key ({@code aws:<account>:...}). */
    static String awsAccount(SourceResource r) {
        String[] parts = r.resourceKey().split(":");
        return parts.length > 1 ? parts[1] : null;
    }

    private Entry() {
    }
}
