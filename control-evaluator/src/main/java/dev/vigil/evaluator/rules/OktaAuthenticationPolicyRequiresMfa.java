package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An active Okta authentication policy (Identity Engine: the policy of the apps assigned to it) must not let anyone
 * into an app on one factor: every active rule that allows access asks for two ({@code factorMode} 2FA), or asks
 * for one after a global session that already asked for a second ({@code globalSessionRequiresSecondFactor}, read
 * by the collector from the org's global session policies in the same run). Identity Engine leaves the second factor
 * to these policies whenever its global session rules do not require one, so a one-factor rule is the gap when
 * the session did not ask, and unknown when whether it asked was not read. A rule that denies access needs nothing.
 *
 * <p>Only the {@code ASSURANCE} verification method states a factor mode: a chain of authentication methods or
 * identity proofing is not judged here and is UNKNOWN, as is any setting Okta did not state; never assumed.
 */
@Singleton
public class OktaAuthenticationPolicyRequiresMfa implements Rule {

    @Override
    public String id() {
        return "okta.authentication-policy-requires-mfa";
    }

    @Override
    public String resourceType() {
        return "okta.authentication-policy";
    }

    @Override
    public String description() {
        return "Every active rule of every active Okta authentication policy that lets people into an app asks for "
                + "two factors, or for one after a global session that already asked for a second.";
    }

    @Override
    public Verdict judge(Facts facts) {
        String policy = OktaPolicies.named("authentication", facts);
        if (!OktaPolicies.active(facts)) {
            return Verdict.notApplicable(policy + " is " + facts.string("status") + ": it governs no app");
        }
        Object sessionAsked = facts.values().get("globalSessionRequiresSecondFactor");
        List<String> oneFactor = new ArrayList<>();
        List<String> unstated = new ArrayList<>();
        List<String> twoFactors = new ArrayList<>();
        List<String> afterSession = new ArrayList<>();
        List<Map<?, ?>> rules = OktaPolicies.activeRules(facts);
        for (Map<?, ?> rule : rules) {
            String name = "rule \"" + rule.get("name") + "\"";
            Object access = rule.get("access");
            if ("DENY".equals(access)) {
                continue;
            }
            if (!"ALLOW".equals(access)) {
                unstated.add("whether " + name + " lets people in");
                continue;
            }
            Object type = rule.get("verificationType");
            if (type == null) {
                unstated.add("how " + name + " verifies people");
                continue;
            }
            if (!"ASSURANCE".equals(type)) {
                // a chain of methods or identity proofing states no factor mode: what it asks is not judged here
                unstated.add("how many factors " + name + " asks for (verification " + type + ")");
                continue;
            }
            Object mode = rule.get("factorMode");
            Object again = rule.get("reauthenticateIn");
            String named = name + (again == null ? "" : " (again after " + again + ")");
            if ("2FA".equals(mode)) {
                twoFactors.add(named);
            } else if ("1FA".equals(mode) && Boolean.TRUE.equals(sessionAsked)) {
                afterSession.add(named);
            } else if ("1FA".equals(mode) && Boolean.FALSE.equals(sessionAsked)) {
                oneFactor.add(name + networkOf(rule));
            } else if ("1FA".equals(mode)) {
                unstated.add("whether the global session asked for a second factor before " + name + "'s one");
            } else {
                unstated.add("how many factors " + name + " asks for");
            }
        }
        if (!oneFactor.isEmpty()) {
            return Verdict.fail(policy + " lets people into its apps on one factor: " + String.join(", ", oneFactor)
                    + ", and the global session policy does not require a second factor"
                    + (unstated.isEmpty() ? "" : "; not stated: " + String.join(", ", unstated)));
        }
        if (!unstated.isEmpty()) {
            return Verdict.unknown("Okta did not state for " + policy + ": " + String.join(", ", unstated));
        }
        if (rules.isEmpty()) {
            // Okta always keeps a catch-all rule: none active means the rules were not read whole
            return Verdict.unknown(policy + " has no active rule in the evidence");
        }
        if (twoFactors.isEmpty() && afterSession.isEmpty()) {
            return Verdict.pass(policy + ": every active rule denies access");
        }
        List<String> parts = new ArrayList<>();
        if (!twoFactors.isEmpty()) {
            parts.add("two factors: " + String.join(", ", twoFactors));
        }
        if (!afterSession.isEmpty()) {
            parts.add("one factor after a global session that already asked for a second: "
                    + String.join(", ", afterSession));
        }
        return Verdict.pass(policy + ": every rule that lets people in asks for " + String.join("; ", parts));
    }

    private static String networkOf(Map<?, ?> rule) {
        Object network = rule.get("network");
        return network == null || "ANYWHERE".equals(network) ? "" : " (" + network + ")";
    }
}
