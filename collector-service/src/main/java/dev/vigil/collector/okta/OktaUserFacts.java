package dev.vigil.collector.okta;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An Okta user and its enrolled factors ({@code /api/v1/users}, {@code /users/{id}/factors}) as facts. */
public final class OktaUserFacts {
    private OktaUserFacts() {
    }

    public static Map<String, Object> of(JsonNode user, JsonNode factors) {
        JsonNode profile = user.path("profile");
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("login", text(profile, "login"));
        facts.put("email", text(profile, "email"));
        facts.put("status", text(user, "status"));
        // When the status last changed: for a deactivated or suspended user, when they lost access.
        facts.put("statusChanged", text(user, "statusChanged"));
        facts.put("lastLogin", text(user, "lastLogin"));
        List<Map<String, Object>> list = new ArrayList<>();
        // Only the kind, vendor and state of each factor: its profile holds device and credential details.
        for (JsonNode f : factors) {
            Map<String, Object> factor = new LinkedHashMap<>();
            factor.put("factorType", text(f, "factorType"));
            factor.put("provider", text(f, "provider"));
            factor.put("status", text(f, "status"));
            list.add(factor);
        }
        facts.put("factors", list);
        return facts;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
