package dev.vigil.collector.google;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

import static dev.vigil.collector.http.Stated.text;

/** What every Cloud Identity policy says of itself, whatever its setting: the first facts of each policy's evidence. */
final class GooglePolicyFacts {
    private GooglePolicyFacts() {
    }

    static Map<String, Object> of(JsonNode policy) {
        JsonNode query = policy.path("policyQuery");
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("policyName", text(policy, "name"));
        // ADMIN: set by an administrator; SYSTEM: Google's default, in force where nobody set one
        facts.put("policyType", text(policy, "type"));
        facts.put("orgUnit", text(query, "orgUnit"));
        facts.put("group", text(query, "group"));
        return facts;
    }
}
