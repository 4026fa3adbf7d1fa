package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Outcome;
import dev.vigil.evaluator.domain.Verdict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LS-25's authentication policy rule on facts shaped as okta-user-mfa publishes an okta.authentication-policy
 * (docs/evidence.md).
 */
class OktaAuthenticationPolicyRequiresMfaTest {

    private static Map<String, Object> rule(String name, String access, String type, String factorMode) {
        Map<String, Object> rule = new HashMap<>();
        rule.put("ruleId", "rul" + name.hashCode());
        rule.put("name", name);
        rule.put("status", "ACTIVE");
        rule.put("network", null);
        rule.put("access", access);
        rule.put("verificationType", type);
        rule.put("factorMode", factorMode);
        rule.put("reauthenticateIn", "PT12H");
        return rule;
    }

    private static Map<String, Object> policy(String name, boolean system, Boolean sessionAsked,
                                              List<Map<String, Object>> rules) {
        Map<String, Object> facts = new HashMap<>();
        facts.put("policyId", "rst" + name.hashCode());
        facts.put("name", name);
        facts.put("status", "ACTIVE");
        facts.put("default", system);
        facts.put("priority", 1);
        facts.put("groupsIncluded", null);
        facts.put("globalSessionRequiresSecondFactor", sessionAsked);
        facts.put("rules", new ArrayList<>(rules));
        return facts;
    }

    /** The sandbox's default authentication policy: a catch-all rule asking for one factor. */
    private static Map<String, Object> defaultPolicy(Boolean sessionAsked) {
        return policy("Default Policy", true, sessionAsked,
                List.of(rule("Catch-all Rule", "ALLOW", "ASSURANCE", "1FA")));
    }

    private static Verdict judge(Map<String, Object> facts) {
        return new OktaAuthenticationPolicyRequiresMfa().evaluate(new Facts(facts));
    }

    @Test
    void everyRuleAskingForTwoFactorsPasses() {
        Map<String, Object> admins = rule("Administrators: phishing-resistant", "ALLOW", "ASSURANCE", "2FA");
        admins.put("reauthenticateIn", "PT2H");
        Map<String, Object> dashboard = policy("Okta Dashboard", false, false, List.of(admins,
                rule("Catch-all Rule", "ALLOW", "ASSURANCE", "2FA")));
        assertThat(judge(dashboard)).isEqualTo(Verdict.pass("authentication policy \"Okta Dashboard\": every rule "
                + "that lets people in asks for two factors: rule \"Administrators: phishing-resistant\" (again after "
                + "PT2H), rule \"Catch-all Rule\" (again after PT12H)"));
    }

    @Test
    void oneFactorAfterASessionThatAlreadyAskedForASecondPasses() {
        assertThat(judge(defaultPolicy(true))).isEqualTo(Verdict.pass("authentication policy \"Default Policy\" (the "
                + "default policy): every rule that lets people in asks for one factor after a global session that "
                + "already asked for a second: rule \"Catch-all Rule\" (again after PT12H)"));
    }

    @Test
    void oneFactorIsTheGapWhenTheSessionDidNotAskAndUnknownWhenThatWasNotRead() {
        assertThat(judge(defaultPolicy(false))).isEqualTo(Verdict.fail("authentication policy \"Default Policy\" (the "
                + "default policy) lets people into its apps on one factor: rule \"Catch-all Rule\", and the global "
                + "session policy does not require a second factor"));
        assertThat(judge(defaultPolicy(null))).isEqualTo(Verdict.unknown("Okta did not state for authentication "
                + "policy \"Default Policy\" (the default policy): whether the global session asked for a second "
                + "factor before rule \"Catch-all Rule\"'s one"));
    }

    @Test
    void aOneFactorRuleOffTheOfficeNetworkFailsEvenBesideAnUnstatedOne() {
        Map<String, Object> zone = rule("Contractors off the office", "ALLOW", "ASSURANCE", "1FA");
        zone.put("network", "ZONE");
        Map<String, Object> facts = policy("Contractor apps", false, false, List.of(zone,
                rule("Catch-all Rule", "ALLOW", "ASSURANCE", null)));
        assertThat(judge(facts)).isEqualTo(Verdict.fail("authentication policy \"Contractor apps\" lets people into "
                + "its apps on one factor: rule \"Contractors off the office\" (ZONE), and the global session policy "
                + "does not require a second factor; not stated: how many factors rule \"Catch-all Rule\" asks for"));
    }

    @Test
    void denyingRulesAndInactiveRulesNeedNothing() {
        Map<String, Object> inactive = rule("Old one-factor rule", "ALLOW", "ASSURANCE", "1FA");
        inactive.put("status", "INACTIVE");
        Map<String, Object> facts = policy("Admin apps", false, false, List.of(inactive,
                rule("Block high risk", "DENY", null, null), rule("Catch-all Rule", "ALLOW", "ASSURANCE", "2FA")));
        assertThat(judge(facts).outcome()).isEqualTo(Outcome.PASS);
        assertThat(judge(policy("Closed", false, false, List.of(rule("Catch-all Rule", "DENY", null, null)))))
                .isEqualTo(Verdict.pass("authentication policy \"Closed\": every active rule denies access"));
    }

    @Test
    void aVerificationOtherThanAssuranceOrAnUnstatedSettingIsUnknownNeverAssumed() {
        assertThat(judge(policy("Admin apps", false, true, List.of(
                rule("Password then Okta Verify", "ALLOW", "AUTH_METHOD_CHAIN", null))))).isEqualTo(Verdict.unknown(
                "Okta did not state for authentication policy \"Admin apps\": how many factors rule \"Password then "
                        + "Okta Verify\" asks for (verification AUTH_METHOD_CHAIN)"));
        assertThat(judge(policy("P", false, true, List.of(rule("R", "ALLOW", null, "2FA")))).outcome())
                .isEqualTo(Outcome.UNKNOWN);
        assertThat(judge(policy("P", false, true, List.of(rule("R", null, "ASSURANCE", "2FA")))).outcome())
                .isEqualTo(Outcome.UNKNOWN);
        assertThat(judge(policy("P", false, true, List.of(rule("R", "ALLOW", "ASSURANCE", null)))).outcome())
                .isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void noActiveRuleIsUnknown() {
        assertThat(judge(policy("Okta Dashboard", false, true, List.of()))).isEqualTo(Verdict.unknown(
                "authentication policy \"Okta Dashboard\" has no active rule in the evidence"));
        Map<String, Object> noRules = defaultPolicy(true);
        noRules.remove("rules");
        assertThat(judge(noRules).outcome()).isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void anInactivePolicyIsNotApplicable() {
        Map<String, Object> facts = defaultPolicy(false);
        facts.put("status", "INACTIVE");
        assertThat(judge(facts).outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    }
}
