package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.Set;

@Singleton
public class OktaActiveUserMfaEnrolled implements Rule {
    /** Okta statuses in which a user can sign in, or will as soon as they act. */
    private static final Set<String> CAN_SIGN_IN = Set.of("ACTIVE", "RECOVERY", "LOCKED_OUT", "PASSWORD_EXPIRED");
    /** Factors that are a second channel for the same person's knowledge or inbox, not a second factor. */
    private static final Set<String> WEAK_FACTORS = Set.of("question", "email");

    @Override
    public String id() {
        return "okta.active-user-mfa-enrolled";
    }

    @Override
    public String resourceType() {
        return "okta.user";
    }

    @Override
    public String description() {
        return "Every Okta user who can sign in has an active strong MFA factor (not email or security question).";
    }

    @Override
    public Verdict judge(Facts facts) {
        String login = facts.string("login");
        String status = facts.string("status");
        if (!CAN_SIGN_IN.contains(status)) {
            return Verdict.notApplicable(login + " is " + status + " and cannot sign in");
        }
        List<?> factors = facts.list("factors");
        List<String> strong = factors.stream()
                .filter(Map.class::isInstance).map(f -> (Map<?, ?>) f)
                .filter(f -> "ACTIVE".equals(f.get("status")))
                .map(f -> String.valueOf(f.get("factorType")))
                .filter(type -> !WEAK_FACTORS.contains(type))
                .sorted().toList();
        return strong.isEmpty()
                ? Verdict.fail(login + " (" + status + ") has no active strong MFA factor enrolled")
                : Verdict.pass(login + " has " + String.join(", ", strong));
    }
}
