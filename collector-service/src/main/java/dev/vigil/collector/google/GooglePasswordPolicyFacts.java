package dev.vigil.collector.google;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.vigil.collector.http.Stated.bool;
import static dev.vigil.collector.http.Stated.integer;
import static dev.vigil.collector.http.Stated.text;

/**
 * One Google Workspace password policy (a Cloud Identity policy of setting type {@code settings/security.password})
 * as facts: where it applies (an organisational unit or a group) and its length, strength, reuse and expiry
 * settings. A setting the API did not state is null, never a default: a rule reads it as unknown.
 */
public final class GooglePasswordPolicyFacts {
    public static final String SETTING_TYPE = "settings/security.password";
    private static final Pattern SECONDS = Pattern.compile("(\\d+)(?:\\.\\d+)?s");

    private GooglePasswordPolicyFacts() {
    }

    public static boolean isPasswordPolicy(JsonNode policy) {
        return SETTING_TYPE.equals(policy.path("setting").path("type").asText());
    }

    /** The policy's id: the last segment of its name ({@code policies/<id>}). */
    public static String id(JsonNode policy) {
        String name = policy.path("name").asText();
        return name.substring(name.lastIndexOf('/') + 1);
    }

    public static Map<String, Object> of(JsonNode policy) {
        JsonNode value = policy.path("setting").path("value");
        Map<String, Object> facts = GooglePolicyFacts.of(policy);
        facts.put("minimumLength", integer(value, "minimumLength"));
        facts.put("maximumLength", integer(value, "maximumLength"));
        // STRONG or WEAK
        facts.put("allowedStrength", text(value, "allowedStrength"));
        // whether a password that no longer meets the policy must be changed at the next sign-in
        facts.put("enforceRequirementsAtLogin", bool(value, "enforceRequirementsAtLogin"));
        facts.put("allowReuse", bool(value, "allowReuse"));
        // a Duration ("7776000s"); 0: passwords never expire
        facts.put("expirationDays", days(text(value, "expirationDuration")));
        return facts;
    }

    private static Integer days(String duration) {
        if (duration == null) {
            return null;
        }
        Matcher m = SECONDS.matcher(duration);
        return m.matches() ? Math.toIntExact(Long.parseLong(m.group(1)) / 86_400) : null;
    }
}
