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

/** LS-25's sign-on rule on facts shaped as okta-user-mfa publishes an okta.sign-on-policy (docs/evidence.md). */
class OktaSignOnRequiresMfaTest {

    private static Map<String, Object> rule(String name, String network, String access, Boolean requireFactor,
                                            String mode, Integer lifetime) {
        Map<String, Object> rule = new HashMap<>();
        rule.put("ruleId", "0pr" + name.hashCode());
        rule.put("name", name);
        rule.put("status", "ACTIVE");
        rule.put("network", network);
        rule.put("access", access);
        rule.put("requireFactor", requireFactor);
        rule.put("factorPromptMode", mode);
        rule.put("factorLifetimeMinutes", lifetime);
        rule.put("maxSessionLifetimeMinutes", 720);
        return rule;
    }

    /** The sandbox's default policy: MFA every sign-in off the office network, every 8 hours elsewhere. */
    private static Map<String, Object> policy(List<Map<String, Object>> rules) {
        Map<String, Object> facts = new HashMap<>();
        facts.put("policyId", "00psignon00demo00001");
        facts.put("name", "Default Policy");
        facts.put("status", "ACTIVE");
        facts.put("default", true);
        facts.put("priority", 1);
        facts.put("groupsIncluded", List.of("00geveryone0demo0001"));
        facts.put("rules", new ArrayList<>(rules));
        return facts;
    }

    private static Map<String, Object> sandbox() {
        return policy(List.of(
                rule("Require MFA off the office network", "OFF_NETWORK", "ALLOW", true, "ALWAYS", null),
                rule("Default Rule", "ANYWHERE", "ALLOW", true, "SESSION", 480)));
    }

    private static Verdict judge(Map<String, Object> facts) {
        return new OktaSignOnRequiresMfa().evaluate(new Facts(facts));
    }

    @Test
    void everyRuleThatLetsPeopleInAskingForAFactorPasses() {
        assertThat(judge(sandbox())).isEqualTo(Verdict.pass("sign-on policy \"Default Policy\" (the default policy): "
                + "every rule that lets people in asks for a second factor: rule \"Require MFA off the office "
                + "network\" (every sign-in), rule \"Default Rule\" (every 480 min)"));
    }

    @Test
    void aRuleSkippingTheFactorOnTheOfficeNetworkFails() {
        Map<String, Object> facts = policy(List.of(
                rule("Office", "ON_NETWORK", "ALLOW", false, null, null),
                rule("Default Rule", "ANYWHERE", "ALLOW", true, "DEVICE", null)));
        assertThat(judge(facts)).isEqualTo(Verdict.fail("sign-on policy \"Default Policy\" (the default policy) lets "
                + "people sign in without a second factor: rule \"Office\" (ON_NETWORK)"));
    }

    @Test
    void aDefaultRuleWithoutAFactorFailsEvenBesideAnUnstatedOne() {
        Map<String, Object> facts = policy(List.of(
                rule("Contractors", "ANYWHERE", "ALLOW", null, null, null),
                rule("Default Rule", "ANYWHERE", "ALLOW", false, null, null)));
        facts.put("default", false);
        facts.put("name", "Contractors");
        assertThat(judge(facts)).isEqualTo(Verdict.fail("sign-on policy \"Contractors\" lets people sign in without "
                + "a second factor: rule \"Default Rule\"; not stated: whether rule \"Contractors\" requires a second "
                + "factor"));
    }

    @Test
    void denyingRulesAndInactiveRulesNeedNoFactor() {
        Map<String, Object> inactive = rule("Old office rule", "ON_NETWORK", "ALLOW", false, null, null);
        inactive.put("status", "INACTIVE");
        Map<String, Object> facts = policy(List.of(inactive,
                rule("Block outside", "OFF_NETWORK", "DENY", null, null, null),
                rule("Default Rule", "ANYWHERE", "ALLOW", true, "DEVICE", null)));
        assertThat(judge(facts).outcome()).isEqualTo(Outcome.PASS);
        assertThat(judge(facts).reason()).endsWith("rule \"Default Rule\" (once per device)");
    }

    @Test
    void anUnstatedFactorOrNoActiveRuleIsUnknownNeverAPass() {
        assertThat(judge(policy(List.of(rule("Default Rule", "ANYWHERE", "ALLOW", null, null, null)))).outcome())
                .isEqualTo(Outcome.UNKNOWN);
        assertThat(judge(policy(List.of(rule("Default Rule", "ANYWHERE", null, true, "DEVICE", null)))).outcome())
                .isEqualTo(Outcome.UNKNOWN);
        assertThat(judge(policy(List.of()))).isEqualTo(Verdict.unknown("sign-on policy \"Default Policy\" (the "
                + "default policy) has no active rule in the evidence"));
        Map<String, Object> noRules = sandbox();
        noRules.remove("rules");
        assertThat(judge(noRules).outcome()).isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void anInactivePolicyIsNotApplicable() {
        Map<String, Object> facts = sandbox();
        facts.put("status", "INACTIVE");
        assertThat(judge(facts).outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    }

    /** An Identity Engine rule: its primaryFactor says the apps' authentication policies decide the factors. */
    private static Map<String, Object> identityEngine(Map<String, Object> rule) {
        rule.put("primaryFactor", "PASSWORD_IDP_ANY_FACTOR");
        return rule;
    }

    @Test
    void anIdentityEngineRuleWithoutAFactorLeavesItToTheAppsAuthenticationPolicies() {
        Map<String, Object> facts = policy(List.of(
                identityEngine(rule("Default Rule", "ANYWHERE", "ALLOW", false, null, null))));
        assertThat(judge(facts)).isEqualTo(Verdict.pass("sign-on policy \"Default Policy\" (the default policy): "
                + "rule \"Default Rule\" leaves the second factor to the apps' authentication policies "
                + "(okta.authentication-policy-requires-mfa)"));
    }

    @Test
    void identityEngineRulesLeavingAndAskingAreBothNamed() {
        Map<String, Object> office = identityEngine(rule("Office", "ON_NETWORK", "ALLOW", false, null, null));
        office.put("primaryFactor", "PASSWORD_IDP");
        Map<String, Object> facts = policy(List.of(office,
                identityEngine(rule("Contractors", "ANYWHERE", "ALLOW", false, null, null)),
                identityEngine(rule("Default Rule", "ANYWHERE", "ALLOW", true, "ALWAYS", null))));
        assertThat(judge(facts)).isEqualTo(Verdict.pass("sign-on policy \"Default Policy\" (the default policy): "
                + "rule \"Office\", rule \"Contractors\" leave the second factor to the apps' authentication "
                + "policies (okta.authentication-policy-requires-mfa); asking for a second factor: rule \"Default "
                + "Rule\" (every sign-in)"));
    }

    @Test
    void aClassicEngineRuleWithoutAFactorStillFailsBesideAnIdentityEngineOne() {
        // no primaryFactor: Classic Engine's sign-on policy is the only one asked, exactly as before
        Map<String, Object> facts = policy(List.of(
                rule("Office", "ON_NETWORK", "ALLOW", false, null, null),
                identityEngine(rule("Default Rule", "ANYWHERE", "ALLOW", false, null, null))));
        assertThat(judge(facts)).isEqualTo(Verdict.fail("sign-on policy \"Default Policy\" (the default policy) lets "
                + "people sign in without a second factor: rule \"Office\" (ON_NETWORK)"));
        Map<String, Object> unstated = identityEngine(rule("Default Rule", "ANYWHERE", "ALLOW", null, null, null));
        assertThat(judge(policy(List.of(unstated))).outcome()).isEqualTo(Outcome.UNKNOWN);
    }
}
