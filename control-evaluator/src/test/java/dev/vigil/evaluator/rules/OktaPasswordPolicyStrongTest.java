package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Outcome;
import dev.vigil.evaluator.domain.Verdict;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** LS-25's password policy rule on facts shaped as okta-user-mfa publishes them (docs/evidence.md). */
class OktaPasswordPolicyStrongTest {

    /** The sandbox's default policy: 12 characters, username and common passwords rejected, lockout after 10. */
    private static Map<String, Object> strong() {
        Map<String, Object> facts = new HashMap<>();
        facts.put("policyId", "00pdefault00demo0001");
        facts.put("name", "Default Policy");
        facts.put("status", "ACTIVE");
        facts.put("default", true);
        facts.put("priority", 2);
        facts.put("groupsIncluded", List.of("00geveryone0demo0001"));
        facts.put("provider", "OKTA");
        facts.put("minLength", 12);
        facts.put("excludeUsername", true);
        facts.put("excludeCommonPasswords", true);
        facts.put("historyCount", 4);
        facts.put("lockoutMaxAttempts", 10);
        facts.put("lockoutAutoUnlockMinutes", 0);
        return facts;
    }

    private static Verdict judge(Map<String, Object> facts) {
        return new OktaPasswordPolicyStrong().evaluate(new Facts(facts));
    }

    @Test
    void theDefaultPolicyAtTheThresholdsPasses() {
        assertThat(judge(strong())).isEqualTo(Verdict.pass("password policy \"Default Policy\" (the default policy): "
                + "minimum length 12, username and common passwords rejected, lockout after 10 failed attempts"));
    }

    @Test
    void aWeakerGroupPolicyFailsNamingEveryWeakness() {
        Map<String, Object> contractors = strong();
        contractors.put("name", "Contractors");
        contractors.put("default", false);
        contractors.put("minLength", 8);
        contractors.put("excludeCommonPasswords", false);
        contractors.put("lockoutMaxAttempts", 0);
        assertThat(judge(contractors)).isEqualTo(Verdict.fail("password policy \"Contractors\" is weak: minimum "
                + "length 8 (needs 12), common passwords are allowed, no lockout after failed attempts"));
    }

    @Test
    void lockoutAfterMoreThanTenAttemptsOrAllowingTheUsernameFails() {
        Map<String, Object> facts = strong();
        facts.put("lockoutMaxAttempts", 11);
        facts.put("excludeUsername", false);
        assertThat(judge(facts)).isEqualTo(Verdict.fail("password policy \"Default Policy\" (the default policy) is "
                + "weak: the username is allowed in the password, locks out after 11 failed attempts (at most 10)"));
    }

    @Test
    void aSettingOktaDidNotStateIsUnknownNeverAPass() {
        for (String setting : List.of("minLength", "excludeUsername", "excludeCommonPasswords", "lockoutMaxAttempts")) {
            Map<String, Object> unstated = strong();
            unstated.put(setting, null);
            assertThat(judge(unstated).outcome()).as(setting + " null").isEqualTo(Outcome.UNKNOWN);
            unstated.remove(setting);
            assertThat(judge(unstated).outcome()).as(setting + " absent").isEqualTo(Outcome.UNKNOWN);
        }
        Map<String, Object> noProvider = strong();
        noProvider.put("provider", null);
        assertThat(judge(noProvider).outcome()).isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void aKnownWeaknessFailsEvenBesideAnUnstatedSetting() {
        Map<String, Object> facts = strong();
        facts.put("minLength", 6);
        facts.remove("lockoutMaxAttempts");
        assertThat(judge(facts)).isEqualTo(Verdict.fail("password policy \"Default Policy\" (the default policy) is "
                + "weak: minimum length 6 (needs 12); not stated: lockout"));
    }

    @Test
    void passwordsTheDirectoryHoldsOrAnInactivePolicyAreNotApplicable() {
        Map<String, Object> directory = strong();
        directory.put("provider", "ACTIVE_DIRECTORY");
        directory.put("minLength", 4);
        assertThat(judge(directory).outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        Map<String, Object> inactive = strong();
        inactive.put("status", "INACTIVE");
        assertThat(judge(inactive).outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void theMinimumLengthIsConfigurable() {
        assertThat(new OktaPasswordPolicyStrong(14).evaluate(new Facts(strong()))).isEqualTo(Verdict.fail(
                "password policy \"Default Policy\" (the default policy) is weak: minimum length 12 (needs 14)"));
        assertThatThrownBy(() -> new OktaPasswordPolicyStrong(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
