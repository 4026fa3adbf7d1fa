package dev.vigil.collector.google;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A Google Workspace user ({@code admin/directory/v1/users}, basic projection) as facts. */
public final class GoogleUserFacts {
    /** What the Directory API says for "never": the epoch. */
    private static final String NEVER = "1970-01-01T00:00:00.000Z";

    private GoogleUserFacts() {
    }

    public static Map<String, Object> of(JsonNode user) {
        Map<String, Object> facts = new LinkedHashMap<>();
        String email = text(user, "primaryEmail");
        facts.put("email", email == null ? null : email.toLowerCase(Locale.ROOT));
        facts.put("admin", user.path("isAdmin").asBoolean(false));
        facts.put("delegatedAdmin", user.path("isDelegatedAdmin").asBoolean(false));
        facts.put("suspended", user.path("suspended").asBoolean(false));
        facts.put("archived", user.path("archived").asBoolean(false));
        facts.put("twoStepEnrolled", bool(user, "isEnrolledIn2Sv"));
        facts.put("twoStepEnforced", bool(user, "isEnforcedIn2Sv"));
        String lastLogin = text(user, "lastLoginTime");
        facts.put("lastLoginAt", NEVER.equals(lastLogin) ? null : lastLogin);
        facts.put("createdAt", text(user, "creationTime"));
        // Who reviews this person's access (docs/access-reviews.md): the relation of type manager, an address.
        String manager = null;
        for (JsonNode relation : user.path("relations")) {
            if ("manager".equals(text(relation, "type")) && text(relation, "value") != null) {
                manager = text(relation, "value").toLowerCase(Locale.ROOT);
                break;
            }
        }
        facts.put("manager", manager);
        return facts;
    }

    private static Boolean bool(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isBoolean() ? null : v.asBoolean(); // absent: unknown, never false
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
