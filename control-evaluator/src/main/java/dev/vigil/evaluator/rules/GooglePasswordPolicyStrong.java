package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/**
 * A Google Workspace password policy (each organisational unit's or group's) must make passwords hard to guess and
 * keep them so: at least {@value #MIN_LENGTH} characters, strong passwords only, no reuse of an old password, and
 * the requirements enforced at sign-in so a password set before they tightened is changed. Twelve, as
 * {@code okta.password-policy-strong} asks by default (CIS Controls v8 5.2 and NIST SP 800-63B, with MFA). A
 * setting the API did not state is unknown, never assumed.
 */
@Singleton
public class GooglePasswordPolicyStrong implements Rule {
    static final int MIN_LENGTH = 12;

    @Override
    public String id() {
        return "google.password-policy-strong";
    }

    @Override
    public String resourceType() {
        return "google.password-policy";
    }

    @Override
    public String description() {
        return "Every Google Workspace password policy requires at least " + MIN_LENGTH + " characters and strong "
                + "passwords, forbids reuse, and enforces its requirements at sign-in.";
    }

    @Override
    public Verdict judge(Facts facts) {
        String where = facts.values().get("orgUnit") != null ? "organisational unit " + facts.values().get("orgUnit")
                : facts.values().get("group") != null ? "group " + facts.values().get("group") : "the customer";
        String policy = "password policy of " + where;
        List<String> weak = new ArrayList<>();
        List<String> unstated = new ArrayList<>();
        Object length = facts.values().get("minimumLength");
        if (!(length instanceof Number n)) {
            unstated.add("minimum length");
        } else if (n.intValue() < MIN_LENGTH) {
            weak.add("minimum length " + n.intValue() + " (needs " + MIN_LENGTH + ")");
        }
        Object strength = facts.values().get("allowedStrength");
        if (strength == null) {
            unstated.add("strength");
        } else if (!"STRONG".equals(strength)) {
            weak.add("allows " + strength + " passwords");
        }
        Object reuse = facts.values().get("allowReuse");
        if (!(reuse instanceof Boolean)) {
            unstated.add("whether reuse is allowed");
        } else if ((Boolean) reuse) {
            weak.add("allows reusing a previous password");
        }
        Object enforced = facts.values().get("enforceRequirementsAtLogin");
        if (!(enforced instanceof Boolean)) {
            unstated.add("whether the requirements are enforced at sign-in");
        } else if (!(Boolean) enforced) {
            weak.add("does not enforce the requirements at sign-in (older passwords stay)");
        }
        if (!weak.isEmpty()) {
            return Verdict.fail(policy + " is weak: " + String.join(", ", weak)
                    + (unstated.isEmpty() ? "" : "; not stated: " + String.join(", ", unstated)));
        }
        if (!unstated.isEmpty()) {
            return Verdict.unknown("Google did not state for " + policy + ": " + String.join(", ", unstated));
        }
        return Verdict.pass(policy + ": minimum length " + ((Number) length).intValue() + ", strong passwords only, "
                + "no reuse, enforced at sign-in");
    }
}
