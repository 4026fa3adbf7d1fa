package dev.vigil.collector.google;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Map;

import static dev.vigil.collector.http.Stated.text;

/**
 * One Google Workspace 2-Step Verification enforcement policy (a Cloud Identity policy of setting type
 * {@code settings/security.two_step_verification_enforcement}) as facts: where it applies and from when users must
 * sign in with a second step ({@code enforcedFrom}; null: the policy states no start, so it enforces nothing).
 * {@code observedAt} is when it was read, so that a start still to come is not taken for enforcement.
 */
public final class GoogleTwoStepPolicyFacts {
    public static final String SETTING_TYPE = "settings/security.two_step_verification_enforcement";

    private GoogleTwoStepPolicyFacts() {
    }

    public static boolean isTwoStepPolicy(JsonNode policy) {
        return SETTING_TYPE.equals(policy.path("setting").path("type").asText());
    }

    public static Map<String, Object> of(JsonNode policy, Instant observedAt) {
        JsonNode value = policy.path("setting").path("value");
        Map<String, Object> facts = GooglePolicyFacts.of(policy);
        facts.put("enforcedFrom", text(value, "enforcedFrom"));
        facts.put("observedAt", observedAt.toString());
        return facts;
    }
}
