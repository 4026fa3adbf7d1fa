package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Administrators are held to more than every user: an SMS or voice code can be taken over with the phone number
 * (SIM swap), and e-mail or a security question is no second factor at all.
 */
@Singleton
public class OktaAdminMfaAppOrKey implements Rule {
    /** Okta statuses in which a user can sign in, or will as soon as they act. */
    private static final Set<String> CAN_SIGN_IN = Set.of("ACTIVE", "RECOVERY", "LOCKED_OUT", "PASSWORD_EXPIRED");
    private static final Set<String> NOT_ENOUGH_FOR_ADMINS = Set.of("sms", "call", "email", "question");
    /** FIDO2 / U2F security keys and platform authenticators: bound to the origin, so they resist phishing. */
    private static final Set<String> PHISHING_RESISTANT = Set.of("webauthn", "u2f");

    @Override
    public String id() {
        return "okta.admin-mfa-app-or-key";
    }

    @Override
    public String resourceType() {
        return "okta.user";
    }

    @Override
    public String description() {
        return "Every Okta administrator who can sign in has an active MFA factor that is an authenticator app, "
                + "token or security key (not SMS, voice call, e-mail or security question).";
    }

    @Override
    public Verdict judge(Facts facts) {
        String login = facts.string("login");
        String status = facts.string("status");
        if (!CAN_SIGN_IN.contains(status)) {
            return Verdict.notApplicable(login + " is " + status + " and cannot sign in");
        }
        if (facts.values().get("adminRoles") == null) {
            // null is "could not be read", never "no role": the collection names the missing permission
            return Verdict.unknown("the administrator roles of " + login + " were not read");
        }
        List<?> roles = facts.list("adminRoles");
        if (roles.isEmpty()) {
            return Verdict.notApplicable(login + " holds no administrator role");
        }
        String held = String.join(", ", roles.stream().map(String::valueOf).toList());
        List<String> enough = facts.list("factors").stream()
                .filter(Map.class::isInstance).map(f -> (Map<?, ?>) f)
                .filter(f -> "ACTIVE".equals(f.get("status")))
                .map(f -> String.valueOf(f.get("factorType")))
                .filter(type -> !NOT_ENOUGH_FOR_ADMINS.contains(type))
                .distinct().sorted().toList();
        if (enough.isEmpty()) {
            return Verdict.fail("administrator " + login + " (" + held
                    + ") has no active MFA factor other than SMS, voice call, e-mail or security question");
        }
        boolean resistant = enough.stream().anyMatch(PHISHING_RESISTANT::contains);
        return Verdict.pass("administrator " + login + " (" + held + ") has " + String.join(", ", enough)
                + (resistant ? " (phishing-resistant)" : ""));
    }
}
