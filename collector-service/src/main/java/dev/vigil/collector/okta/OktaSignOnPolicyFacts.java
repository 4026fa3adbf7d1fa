package dev.vigil.collector.okta;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.vigil.collector.http.Stated.bool;
import static dev.vigil.collector.http.Stated.integer;
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

    /**
     * Whether the org runs Identity Engine, as these rules of an active policy show it: only Identity Engine states
     * a rule's {@code primaryFactor}. An inactive rule says so as well as an active one, but the question is asked
     * of the active ones, those Okta applies.
     */
    public static boolean statesPrimaryFactor(List<JsonNode> rules) {
        return rules.stream().anyMatch(rule -> OktaPolicyFacts.active(rule)
                && text(rule.path("actions").path("signon"), "primaryFactor") != null);
    }

    /**
     * Whether every session of the org was opened with a second factor, from the rules of every active global
     * session policy read in the run: TRUE when every active rule that lets people in requires a factor, FALSE when
     * one does not, null when that cannot be said (a policy's rules not read, a rule's access or requireFactor
     * unstated, or no policy read at all). A rule that denies access opens no session.
     *
     * @param readWhole false when an active policy was left out (its rules could not be read)
     */
    public static Boolean everySessionRequiresSecondFactor(List<List<JsonNode>> rulesOfActivePolicies,
            boolean readWhole) {
        boolean unknown = !readWhole || rulesOfActivePolicies.isEmpty();
        for (List<JsonNode> rules : rulesOfActivePolicies) {
            for (JsonNode rule : rules) {
                if (!OktaPolicyFacts.active(rule)) {
                    continue;
                }
                JsonNode signon = rule.path("actions").path("signon");
                String access = text(signon, "access");
                if ("DENY".equals(access)) {
                    continue;
                }
                Boolean requireFactor = bool(signon, "requireFactor");
                if ("ALLOW".equals(access) && Boolean.FALSE.equals(requireFactor)) {
                    return false;
                }
                if (!"ALLOW".equals(access) || requireFactor == null) {
                    unknown = true;
                }
            }
        }
        return unknown ? null : Boolean.TRUE;
    }


    private static Map<String, Object> rule(JsonNode rule) {
        JsonNode signon = rule.path("actions").path("signon");
        JsonNode session = signon.path("session");
        Map<String, Object> facts = OktaPolicyFacts.rule(rule);
        facts.put("access", text(signon, "access"));
        facts.put("requireFactor", bool(signon, "requireFactor"));
        // Identity Engine only (PASSWORD_IDP_ANY_FACTOR, PASSWORD_IDP): the session is opened with what the app's
        // authentication policy asks, so requireFactor false no longer means one factor; null in Classic Engine
        facts.put("primaryFactor", text(signon, "primaryFactor"));
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
