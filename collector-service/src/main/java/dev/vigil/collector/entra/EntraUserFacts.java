package dev.vigil.collector.entra;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An Entra ID user ({@code GET /users}) joined with its authentication-method registration details
 * ({@code GET /reports/authenticationMethods/userRegistrationDetails}) as facts. A user without registration
 * details keeps {@code mfaRegistered} null: unknown, never "not registered".
 */
public final class EntraUserFacts {
    private EntraUserFacts() {
    }

    public static Map<String, Object> of(JsonNode user, JsonNode registration) {
        Map<String, Object> facts = new LinkedHashMap<>();
        String upn = text(user, "userPrincipalName");
        String mail = text(user, "mail");
        facts.put("userPrincipalName", upn);
        // The address people are matched by across sources (identity provider, GitHub, AWS).
        String address = mail != null ? mail : upn;
        facts.put("email", address == null ? null : address.toLowerCase(Locale.ROOT));
        facts.put("accountEnabled", user.path("accountEnabled").isBoolean() ? user.get("accountEnabled").asBoolean() : null);
        facts.put("userType", text(user, "userType"));
        facts.put("createdAt", text(user, "createdDateTime"));
        JsonNode signIn = user.path("signInActivity");
        facts.put("lastSignInAt", text(signIn, "lastSignInDateTime"));
        facts.put("registrationKnown", registration != null);
        facts.put("admin", registration == null ? null : registration.path("isAdmin").asBoolean(false));
        facts.put("mfaRegistered", registration == null ? null : registration.path("isMfaRegistered").asBoolean(false));
        facts.put("mfaCapable", registration == null ? null : registration.path("isMfaCapable").asBoolean(false));
        List<String> methods = new ArrayList<>();
        if (registration != null) {
            registration.path("methodsRegistered").forEach(m -> methods.add(m.asText()));
        }
        facts.put("methodsRegistered", methods);
        // Who reviews this person's access (docs/access-reviews.md): the manager Graph expands, by the same address.
        JsonNode manager = user.path("manager");
        String managerAddress = manager.isObject()
                ? (text(manager, "mail") != null ? text(manager, "mail") : text(manager, "userPrincipalName")) : null;
        facts.put("manager", managerAddress == null ? null : managerAddress.toLowerCase(Locale.ROOT));
        return facts;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
