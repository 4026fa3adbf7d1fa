package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

import java.util.List;

@Singleton
public class EntraActiveUserMfaRegistered implements Rule {
    @Override
    public String id() {
        return "entra.active-user-mfa-registered";
    }

    @Override
    public String resourceType() {
        return "entra.user";
    }

    @Override
    public String description() {
        return "Every Entra ID account that can sign in has registered a multi-factor authentication method.";
    }

    @Override
    public Verdict judge(Facts facts) {
        String user = facts.string("userPrincipalName");
        if (!facts.bool("accountEnabled")) {
            return Verdict.notApplicable(user + " is disabled and cannot sign in");
        }
        if (!facts.bool("registrationKnown")) {
            // Graph lists no registration details for the user: unknown, never a pass and not a failure either.
            return Verdict.unknown("Entra ID reports no authentication-method registration details for " + user);
        }
        List<?> methods = facts.list("methodsRegistered");
        return facts.bool("mfaRegistered")
                ? Verdict.pass(user + " has registered " + String.join(", ", methods.stream().map(String::valueOf).toList()))
                : Verdict.fail(user + " can sign in but has no multi-factor method registered");
    }
}
