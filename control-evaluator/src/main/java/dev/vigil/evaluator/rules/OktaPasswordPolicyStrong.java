package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.List;

/**
 * An active Okta password policy whose passwords Okta holds must make them hard to guess and guessing them slow: a
 * minimum length ({@code vigil.evaluator.okta-password-min-length}, 12 by default), neither the username nor a common
 * password, and lockout after at most {@value #MAX_ATTEMPTS} failed attempts. Every active policy is judged, not only
 * the default: a weaker policy for one group is the gap. Twelve sits between the 8 that CIS Controls v8 (5.2) and
 * NIST SP 800-63B ask of a password used with MFA, which LS-26 requires, and the 14 to 15 they ask of one used alone.
 * A setting Okta did not state is unknown, never assumed.
 */
@Singleton
public class OktaPasswordPolicyStrong implements Rule {
    static final int DEFAULT_MIN_LENGTH = 12;
    static final int MAX_ATTEMPTS = 10;
    private final int minLength;

    public OktaPasswordPolicyStrong() {
        this(DEFAULT_MIN_LENGTH);
    }

    @Inject
    public OktaPasswordPolicyStrong(
            @ConfigProperty(name = "vigil.evaluator.okta-password-min-length", defaultValue = "12") int minLength) {
        if (minLength < 1) {
            throw new IllegalArgumentException("vigil.evaluator.okta-password-min-length must be 1 or more, not "
                    + minLength);
        }
        this.minLength = minLength;
    }

    @Override
    public String id() {
        return "okta.password-policy-strong";
    }

    @Override
    public String resourceType() {
        return "okta.password-policy";
    }

    @Override
    public String description() {
        return "Every active Okta password policy requires at least " + minLength + " characters, rejects the "
                + "username and common passwords, and locks an account after at most " + MAX_ATTEMPTS
                + " failed attempts.";
    }

    @Override
    public Verdict judge(Facts facts) {
        String policy = OktaPolicies.named("password", facts);
        if (!OktaPolicies.active(facts)) {
            return Verdict.notApplicable(policy + " is " + facts.string("status") + ": it governs no one");
        }
        String provider = facts.optionalString("provider");
        if (provider == null) {
            return Verdict.unknown("Okta did not say whose passwords " + policy + " governs");
        }
        if (!"OKTA".equals(provider)) {
            // the directory (Active Directory) holds these passwords, and its own policy decides them
            return Verdict.notApplicable(policy + " governs passwords held by " + provider + ", not by Okta");
        }
        List<String> weak = new ArrayList<>();
        List<String> unstated = new ArrayList<>();
        Integer length = number(facts, "minLength");
        if (length == null) {
            unstated.add("minimum length");
        } else if (length < minLength) {
            weak.add("minimum length " + length + " (needs " + minLength + ")");
        }
        Boolean username = flag(facts, "excludeUsername");
        if (username == null) {
            unstated.add("whether the username is rejected");
        } else if (!username) {
            weak.add("the username is allowed in the password");
        }
        Boolean common = flag(facts, "excludeCommonPasswords");
        if (common == null) {
            unstated.add("whether common passwords are rejected");
        } else if (!common) {
            weak.add("common passwords are allowed");
        }
        Integer attempts = number(facts, "lockoutMaxAttempts");
        if (attempts == null) {
            unstated.add("lockout");
        } else if (attempts == 0) {
            weak.add("no lockout after failed attempts");
        } else if (attempts > MAX_ATTEMPTS) {
            weak.add("locks out after " + attempts + " failed attempts (at most " + MAX_ATTEMPTS + ")");
        }
        if (!weak.isEmpty()) {
            return Verdict.fail(policy + " is weak: " + String.join(", ", weak)
                    + (unstated.isEmpty() ? "" : "; not stated: " + String.join(", ", unstated)));
        }
        if (!unstated.isEmpty()) {
            return Verdict.unknown("Okta did not state for " + policy + ": " + String.join(", ", unstated));
        }
        return Verdict.pass(policy + ": minimum length " + length + ", username and common passwords rejected, "
                + "lockout after " + attempts + " failed attempts");
    }

    /** A whole number, or null when absent, null or not a number: unknown, never a default. */
    private static Integer number(Facts facts, String name) {
        return facts.values().get(name) instanceof Number n ? n.intValue() : null;
    }

    private static Boolean flag(Facts facts, String name) {
        return facts.values().get(name) instanceof Boolean b ? b : null;
    }
}
