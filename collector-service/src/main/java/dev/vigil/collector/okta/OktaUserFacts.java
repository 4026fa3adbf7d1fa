package dev.vigil.collector.okta;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An Okta user, its enrolled factors and its administrator roles ({@code /api/v1/users},
 * {@code /users/{id}/factors}, {@code /users/{id}/roles}) as facts.
 */
public final class OktaUserFacts {
    private OktaUserFacts() {
    }

    /**
     * @param adminRoles the role types the user holds ({@code []}: none), or null when they could not be read: an
     *                   unread assignment must never look like "not an administrator"
     */
    public static Map<String, Object> of(JsonNode user, JsonNode factors, List<String> adminRoles) {
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
        facts.put("adminRoles", adminRoles);
        return facts;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
