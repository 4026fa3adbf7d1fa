package dev.vigil.collector.okta;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.vigil.collector.http.Stated.bool;
import static dev.vigil.collector.http.Stated.integer;
import static dev.vigil.collector.http.Stated.strings;
import static dev.vigil.collector.http.Stated.text;

/**
 * One Okta sign-on policy ({@code GET /api/v1/policies?type=OKTA_SIGN_ON}, the global session policy in Identity
 * Engine) with its rules ({@code GET /api/v1/policies/{id}/rules}) as facts: to whom it applies and, per rule in
 * priority order, whether it lets people in, whether it asks for a second factor and how often, and how long a
 * session lasts. A setting Okta did not state is null, never a default: a rule reads it as unknown.
 */
public final class OktaSignOnPolicyFacts {
    private OktaSignOnPolicyFacts() {
    }

    public static Map<String, Object> of(JsonNode policy, List<JsonNode> rules) {
        Map<String, Object> facts = OktaPolicyFacts.of(policy);
        List<Map<String, Object>> listed = new ArrayList<>();
        rules.forEach(rule -> listed.add(rule(rule)));
        facts.put("rules", listed);
        return facts;
    }

    private static Map<String, Object> rule(JsonNode rule) {
        JsonNode conditions = rule.path("conditions");
        JsonNode signon = rule.path("actions").path("signon");
        JsonNode session = signon.path("session");
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("ruleId", text(rule, "id"));
        facts.put("name", text(rule, "name"));
        facts.put("status", text(rule, "status"));
        facts.put("priority", integer(rule, "priority"));
        // the policy's catch-all rule, last in priority order
        facts.put("default", bool(rule, "system"));
        // ANYWHERE, ON_NETWORK or OFF_NETWORK (zones); null: no network condition, which is anywhere
        facts.put("network", text(conditions.path("network"), "connection"));
        facts.put("usersExcluded", strings(conditions.path("people").path("users").path("exclude")));
        facts.put("access", text(signon, "access"));
        facts.put("requireFactor", bool(signon, "requireFactor"));
        // DEVICE (once per device), SESSION (once per factor lifetime) or ALWAYS (every sign-in)
        facts.put("factorPromptMode", text(signon, "factorPromptMode"));
        facts.put("factorLifetimeMinutes", integer(signon, "factorLifetime"));
        facts.put("maxSessionIdleMinutes", integer(session, "maxSessionIdleMinutes"));
        // 0: the session lasts as long as the idle limit allows
        facts.put("maxSessionLifetimeMinutes", integer(session, "maxSessionLifetimeMinutes"));
        facts.put("usePersistentCookie", bool(session, "usePersistentCookie"));
        return facts;
    }
}
