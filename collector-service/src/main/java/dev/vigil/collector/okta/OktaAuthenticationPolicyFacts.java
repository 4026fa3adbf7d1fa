package dev.vigil.collector.okta;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.vigil.collector.http.Stated.text;

/**
 * One Okta authentication policy ({@code GET /api/v1/policies?type=ACCESS_POLICY}, Identity Engine: the policy of
 * the apps assigned to it) with its rules ({@code GET /api/v1/policies/{id}/rules}) as facts: per rule in priority
 * order, whether it lets people into the app and how many factors it asks for then. In Identity Engine this, not the
 * global session policy, is where a second factor is asked for; whether the global session already asked for one is
 * kept beside it ({@code globalSessionRequiresSecondFactor}), since a one-factor app rule after a two-factor session
 * still lets no one in on a password alone. A setting Okta did not state is null, never a default.
 */
public final class OktaAuthenticationPolicyFacts {
    private OktaAuthenticationPolicyFacts() {
    }

    /**
     * @param globalSessionRequiresSecondFactor what the run's global session policies say of every session
     *        ({@link OktaSignOnPolicyFacts#everySessionRequiresSecondFactor}); null when that is not known
     */
    public static Map<String, Object> of(JsonNode policy, List<JsonNode> rules,
            Boolean globalSessionRequiresSecondFactor) {
        Map<String, Object> facts = OktaPolicyFacts.of(policy);
        facts.put("globalSessionRequiresSecondFactor", globalSessionRequiresSecondFactor);
        List<Map<String, Object>> listed = new ArrayList<>();
        rules.forEach(rule -> listed.add(rule(rule)));
        facts.put("rules", listed);
        return facts;
    }

    private static Map<String, Object> rule(JsonNode rule) {
        JsonNode appSignOn = rule.path("actions").path("appSignOn");
        JsonNode verification = appSignOn.path("verificationMethod");
        Map<String, Object> facts = OktaPolicyFacts.rule(rule);
        facts.put("access", text(appSignOn, "access"));
        // 1FA: any one factor; 2FA: two factors of different kinds (only with the ASSURANCE type)
        facts.put("factorMode", text(verification, "factorMode"));
        // ASSURANCE (factorMode and constraints); AUTH_METHOD_CHAIN (chains of authenticators) and ID_PROOFING say
        // nothing of factorMode
        facts.put("verificationType", text(verification, "type"));
        // ISO 8601 duration (PT2H): how long a verification lasts before the app asks again
        facts.put("reauthenticateIn", text(verification, "reauthenticateIn"));
        return facts;
    }
}
