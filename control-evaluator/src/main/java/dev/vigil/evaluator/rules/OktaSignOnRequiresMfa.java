package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An active Okta sign-on policy (the global session policy, in Identity Engine) must ask for a second factor
 * whenever it lets someone in: every active rule that allows access requires a factor. A rule that skips it for
 * one network (the office) or for one group is the gap, since the rule Okta applies first decides. A rule that
 * denies access needs no factor. A setting Okta did not state is unknown, never assumed.
 *
 * <p>In Identity Engine (a rule states its {@code primaryFactor}, which Classic Engine does not have) a session rule
 * without a factor is no gap of its own: the session is opened with what the app's authentication policy asks, and
 * {@link OktaAuthenticationPolicyRequiresMfa} judges those. The verdict names such rules, so a reader sees where the
 * second factor is decided.
 */
@Singleton
public class OktaSignOnRequiresMfa implements Rule {
    /** The rule that judges what an Identity Engine session rule leaves to the apps. */
    static final String APPS_DECIDE = "okta.authentication-policy-requires-mfa";

    @Override
    public String id() {
        return "okta.sign-on-requires-mfa";
    }

    @Override
    public String resourceType() {
        return "okta.sign-on-policy";
    }

    @Override
    public String description() {
        return "Every active rule of every active Okta sign-on policy that lets people sign in requires a second "
                + "factor, or (Identity Engine) leaves it to the apps' authentication policies.";
    }

    @Override
    public Verdict judge(Facts facts) {
        String policy = OktaPolicies.named("sign-on", facts);
        if (!OktaPolicies.active(facts)) {
            return Verdict.notApplicable(policy + " is " + facts.string("status") + ": it governs no one");
        }
        List<String> without = new ArrayList<>();
        List<String> unstated = new ArrayList<>();
        List<String> asking = new ArrayList<>();
        List<String> leftToApps = new ArrayList<>();
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
            Object requireFactor = rule.get("requireFactor");
            if (Boolean.FALSE.equals(requireFactor) && rule.get("primaryFactor") != null) {
                leftToApps.add(name);
            } else if (Boolean.FALSE.equals(requireFactor)) {
                Object network = rule.get("network");
                without.add(name + (network == null || "ANYWHERE".equals(network) ? "" : " (" + network + ")"));
            } else if (Boolean.TRUE.equals(requireFactor)) {
                Object mode = rule.get("factorPromptMode");
                asking.add(name + (mode == null ? "" : " (" + prompt(mode, rule.get("factorLifetimeMinutes")) + ")"));
            } else {
                unstated.add("whether " + name + " requires a second factor");
            }
        }
        if (!without.isEmpty()) {
            return Verdict.fail(policy + " lets people sign in without a second factor: " + String.join(", ", without)
                    + (unstated.isEmpty() ? "" : "; not stated: " + String.join(", ", unstated)));
        }
        if (!unstated.isEmpty()) {
            return Verdict.unknown("Okta did not state for " + policy + ": " + String.join(", ", unstated));
        }
        if (rules.isEmpty()) {
            // Okta always keeps a default rule: none active means the rules were not read whole
            return Verdict.unknown(policy + " has no active rule in the evidence");
        }
        if (!leftToApps.isEmpty()) {
            return Verdict.pass(policy + ": " + String.join(", ", leftToApps) + (leftToApps.size() == 1 ? " leaves"
                    : " leave") + " the second factor to the apps' authentication policies (" + APPS_DECIDE + ")"
                    + (asking.isEmpty() ? "" : "; asking for a second factor: " + String.join(", ", asking)));
        }
        if (asking.isEmpty()) {
            return Verdict.pass(policy + ": every active rule denies access");
        }
        return Verdict.pass(policy + ": every rule that lets people in asks for a second factor: "
                + String.join(", ", asking));
    }

    private static String prompt(Object mode, Object lifetime) {
        return switch (String.valueOf(mode)) {
            case "ALWAYS" -> "every sign-in";
            case "DEVICE" -> "once per device";
            case "SESSION" -> lifetime instanceof Number n ? "every " + n.intValue() + " min" : "once per session";
            default -> String.valueOf(mode);
        };
    }
}
