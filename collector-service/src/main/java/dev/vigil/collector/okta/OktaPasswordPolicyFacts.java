package dev.vigil.collector.okta;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

import static dev.vigil.collector.http.Stated.bool;
import static dev.vigil.collector.http.Stated.integer;
import static dev.vigil.collector.http.Stated.text;

/**
 * One Okta password policy ({@code GET /api/v1/policies?type=PASSWORD}) as facts: to whom it applies, whose passwords
 * it governs, and its complexity, age and lockout settings. A setting Okta did not state is null, never a default:
 * a rule reads it as unknown.
 */
public final class OktaPasswordPolicyFacts {
    private OktaPasswordPolicyFacts() {
    }

    public static Map<String, Object> of(JsonNode policy) {
        JsonNode conditions = policy.path("conditions");
        JsonNode password = policy.path("settings").path("password");
        JsonNode complexity = password.path("complexity");
        JsonNode age = password.path("age");
        JsonNode lockout = password.path("lockout");
        Map<String, Object> facts = OktaPolicyFacts.of(policy);
        // OKTA: Okta holds the passwords; ACTIVE_DIRECTORY: the directory does, and Okta's settings do not bind them
        facts.put("provider", text(conditions.path("authProvider"), "provider"));
        facts.put("minLength", integer(complexity, "minLength"));
        facts.put("minLowerCase", integer(complexity, "minLowerCase"));
        facts.put("minUpperCase", integer(complexity, "minUpperCase"));
        facts.put("minNumber", integer(complexity, "minNumber"));
        facts.put("minSymbol", integer(complexity, "minSymbol"));
        facts.put("excludeUsername", bool(complexity, "excludeUsername"));
        facts.put("excludeCommonPasswords", bool(complexity.path("dictionary").path("common"), "exclude"));
        facts.put("maxAgeDays", integer(age, "maxAgeDays"));
        facts.put("historyCount", integer(age, "historyCount"));
        facts.put("minAgeMinutes", integer(age, "minAgeMinutes"));
        facts.put("lockoutMaxAttempts", integer(lockout, "maxAttempts"));
        facts.put("lockoutAutoUnlockMinutes", integer(lockout, "autoUnlockMinutes"));
        return facts;
    }
}
