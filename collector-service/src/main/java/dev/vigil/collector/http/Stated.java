package dev.vigil.collector.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A provider's JSON read as it stated it: a value of the expected type, or null when the field is absent, null or of
 * another type. Never a default: a policy setting the provider did not state is unknown to the rules, not "off".
 */
public final class Stated {
    private Stated() {
    }

    public static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isTextual() ? null : v.asText();
    }

    /** A whole number, also when sent as 12.0 (some APIs send every number as a double). */
    public static Integer integer(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isNumber() || v.asDouble() != Math.rint(v.asDouble()) ? null : v.asInt();
    }

    public static Boolean bool(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isBoolean() ? null : v.asBoolean();
    }

    /** The list's values as text, or null when no list was stated (not the same as an empty one). */
    public static List<String> strings(JsonNode list) {
        if (!list.isArray()) {
            return null;
        }
        List<String> values = new ArrayList<>();
        list.forEach(v -> values.add(v.asText()));
        return values;
    }
}
