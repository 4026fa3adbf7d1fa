package dev.vigil.report.generated;

import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * LS-21's password policy settings as the systems enforce them: the AWS account's IAM password policy, every
 * active Okta password policy and every Google Workspace password policy, each setting as the provider states it
 * (null: not stated).
 */
@Singleton
public class PasswordPolicyConfiguration implements DocumentGenerator {
    static final String IAM_POLICY = "aws.iam.password-policy";
    static final String OKTA_POLICY = "okta.password-policy";
    static final String GOOGLE_POLICY = "google.password-policy";

    @Override
    public String controlId() {
        return "LS-21";
    }

    @Override
    public String documentType() {
        return "password-policy-configuration";
    }

    @Override
    public List<String> resourceTypes() {
        return List.of(IAM_POLICY, OKTA_POLICY, GOOGLE_POLICY);
    }

    @Override
    public String describes() {
        return "The password policies as enforced: each AWS account's IAM password policy, every active Okta "
                + "password policy and every Google Workspace password policy (each organisational unit's or "
                + "group's), with minimum length, character classes or strength, reuse, maximum age and lockout "
                + "(null: the provider does not state it). Entra ID password settings are not collected.";
    }

    @Override
    public List<Map<String, Object>> entries(SourceData data) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (SourceResource p : data.of(IAM_POLICY)) {
            boolean configured = Boolean.TRUE.equals(p.fact("configured"));
            out.add(Entry.of("system", "aws:" + Entry.awsAccount(p)).with("policy", "IAM account password policy")
                    .with("configured", configured).with("appliesTo", "IAM users")
                    .with("minimumLength", p.fact("minimumLength"))
                    .with("characterClasses", classes(p.fact("requireUppercase"), p.fact("requireLowercase"),
                            p.fact("requireNumbers"), p.fact("requireSymbols")))
                    .with("reuseHistory", p.fact("reuseHistory")).with("maxAgeDays", p.fact("maxAgeDays"))
                    .with("dictionaryExcluded", null).with("lockoutMaxAttempts", null).from(p));
        }
        for (SourceResource p : data.of(OKTA_POLICY)) {
            out.add(Entry.of("system", "okta").with("policy", p.text("name") + " (priority " + p.text("priority")
                            + (Boolean.TRUE.equals(p.fact("default")) ? ", default" : "") + ")")
                    .with("configured", true)
                    .with("appliesTo", p.fact("groupsIncluded") == null ? "not stated"
                            : "groups " + p.fact("groupsIncluded") + ", passwords held by " + p.text("provider"))
                    .with("minimumLength", p.fact("minLength"))
                    .with("characterClasses", Map.of("lower", String.valueOf(p.fact("minLowerCase")),
                            "upper", String.valueOf(p.fact("minUpperCase")),
                            "number", String.valueOf(p.fact("minNumber")),
                            "symbol", String.valueOf(p.fact("minSymbol"))))
                    .with("reuseHistory", p.fact("historyCount")).with("maxAgeDays", p.fact("maxAgeDays"))
                    .with("dictionaryExcluded", p.fact("excludeCommonPasswords"))
                    .with("lockoutMaxAttempts", p.fact("lockoutMaxAttempts")).from(p));
        }
        for (SourceResource p : data.of(GOOGLE_POLICY)) {
            // Workspace states strength and whether reuse is allowed, not character classes or a history count
            Object unit = p.fact("orgUnit");
            Object group = p.fact("group");
            out.add(Entry.of("system", "google").with("policy", p.text("policyName")
                            + ("SYSTEM".equals(p.fact("policyType")) ? " (Google's default)" : ""))
                    .with("configured", true)
                    .with("appliesTo", unit != null ? "organisational unit " + unit
                            : group != null ? "group " + group : "not stated")
                    .with("minimumLength", p.fact("minimumLength"))
                    .with("characterClasses", Map.of("allowedStrength", String.valueOf(p.fact("allowedStrength"))))
                    .with("reuseHistory", null).with("reuseAllowed", p.fact("allowReuse"))
                    .with("maxAgeDays", p.fact("expirationDays"))
                    .with("enforcedAtSignIn", p.fact("enforceRequirementsAtLogin"))
                    .with("dictionaryExcluded", null).with("lockoutMaxAttempts", null).from(p));
        }
        return out;
    }

    private static Map<String, Object> classes(Object upper, Object lower, Object numbers, Object symbols) {
        return Map.of("upper", String.valueOf(upper), "lower", String.valueOf(lower),
                "number", String.valueOf(numbers), "symbol", String.valueOf(symbols));
    }
}
