package dev.vigil.collector.aws.iam;

import software.amazon.awssdk.services.iam.model.PasswordPolicy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * IAM's answers as facts. Fact names avoid the word "password": the redactor masks non-boolean values under such
 * names, and a policy's minimum length is not a secret.
 */
final class IamFacts {
    /** What the credential report writes where a date or value does not exist or is not known. */
    private static final Set<String> NO_VALUE = Set.of("", "N/A", "no_information", "not_supported");

    private IamFacts() {
    }

    /** An IAM user's row of the credential report. */
    static Map<String, Object> user(Map<String, String> row) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("user", row.get("user"));
        facts.put("arn", row.get("arn"));
        facts.put("createdAt", value(row.get("user_creation_time")));
        facts.put("consoleAccess", "true".equals(row.get("password_enabled")));
        facts.put("passwordLastUsed", value(row.get("password_last_used")));
        facts.put("mfaActive", "true".equals(row.get("mfa_active")));
        facts.put("accessKeys", accessKeys(row));
        return facts;
    }

    /**
     * The value of the user's e-mail tag (lower case), whether its tags could be read, and why not: the identity
     * join attributes the user by it, and calls the attribution unknown when the tags were unread.
     */
    static Map<String, Object> emailTag(String value, boolean read, String unreadReason) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("emailTag", value == null || value.isBlank() ? null : value.trim().toLowerCase(Locale.ROOT));
        facts.put("tagsRead", read);
        facts.put("tagsUnreadReason", unreadReason);
        return facts;
    }

    /** The root user's row of the credential report (it has no console-access column of its own). */
    static Map<String, Object> root(Map<String, String> row) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("arn", row.get("arn"));
        facts.put("passwordLastUsed", value(row.get("password_last_used")));
        facts.put("mfaActive", "true".equals(row.get("mfa_active")));
        facts.put("accessKeys", accessKeys(row));
        return facts;
    }

    /** The account's password policy, or {@code configured: false} when IAM says there is none (NoSuchEntity). */
    static Map<String, Object> passwordPolicy(PasswordPolicy policy) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("configured", policy != null);
        facts.put("minimumLength", policy == null ? null : policy.minimumPasswordLength());
        facts.put("requireUppercase", policy != null && Boolean.TRUE.equals(policy.requireUppercaseCharacters()));
        facts.put("requireLowercase", policy != null && Boolean.TRUE.equals(policy.requireLowercaseCharacters()));
        facts.put("requireNumbers", policy != null && Boolean.TRUE.equals(policy.requireNumbers()));
        facts.put("requireSymbols", policy != null && Boolean.TRUE.equals(policy.requireSymbols()));
        facts.put("reuseHistory", policy == null ? null : policy.passwordReusePrevention());
        facts.put("maxAgeDays", policy == null ? null : policy.maxPasswordAge());
        facts.put("hardExpiry", policy != null && Boolean.TRUE.equals(policy.hardExpiry()));
        facts.put("usersCanChange", policy != null && Boolean.TRUE.equals(policy.allowUsersToChangePassword()));
        return facts;
    }

    /** A user, group or role the AdministratorAccess policy is attached to. */
    static Map<String, Object> adminPrincipal(String principalType, String name, String policyArn) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("principalType", principalType);
        facts.put("name", name);
        facts.put("policyArn", policyArn);
        return facts;
    }

    /** The access keys that exist (slot 1 and 2 of the report; a slot never rotated holds no key). */
    private static List<Map<String, Object>> accessKeys(Map<String, String> row) {
        List<Map<String, Object>> keys = new ArrayList<>();
        for (int slot = 1; slot <= 2; slot++) {
            String prefix = "access_key_" + slot + "_";
            String lastRotated = value(row.get(prefix + "last_rotated"));
            boolean active = "true".equals(row.get(prefix + "active"));
            if (lastRotated == null && !active) {
                continue;
            }
            Map<String, Object> key = new LinkedHashMap<>();
            key.put("slot", slot);
            key.put("active", active);
            key.put("lastRotated", lastRotated);
            key.put("lastUsed", value(row.get(prefix + "last_used_date")));
            keys.add(key);
        }
        return keys;
    }

    private static String value(String raw) {
        return raw == null || NO_VALUE.contains(raw) ? null : raw;
    }
}
