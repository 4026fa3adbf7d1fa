package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Outcome;
import dev.vigil.evaluator.domain.Verdict;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** LS-25's Google rule on facts shaped as google-workspace-users publishes a google.password-policy. */
class GooglePasswordPolicyStrongTest {

    /** The sandbox's Engineering unit: 14 characters, strong, no reuse, enforced at sign-in. */
    private static Map<String, Object> strong() {
        Map<String, Object> facts = new HashMap<>();
        facts.put("policyName", "policies/ahv4hg7qc24kvaghb7zihwf4rjeng");
        facts.put("policyType", "ADMIN");
        facts.put("orgUnit", "orgUnits/03ph8a2z3engin9");
        facts.put("group", null);
        facts.put("minimumLength", 14);
        facts.put("maximumLength", 100);
        facts.put("allowedStrength", "STRONG");
        facts.put("enforceRequirementsAtLogin", true);
        facts.put("allowReuse", false);
        facts.put("expirationDays", 0);
        return facts;
    }

    private static Verdict judge(Map<String, Object> facts) {
        return new GooglePasswordPolicyStrong().evaluate(new Facts(facts));
    }

    @Test
    void aStrongPolicyPasses() {
        assertThat(judge(strong())).isEqualTo(Verdict.pass("password policy of organisational unit "
                + "orgUnits/03ph8a2z3engin9: minimum length 14, strong passwords only, no reuse, enforced at sign-in"));
    }

    @Test
    void theSandboxRootUnitFailsNamingEveryWeakness() {
        Map<String, Object> root = strong();
        root.put("orgUnit", "orgUnits/03ph8a2z1enx5rc");
        root.put("minimumLength", 8);
        root.put("allowReuse", true);
        root.put("enforceRequirementsAtLogin", false);
        assertThat(judge(root)).isEqualTo(Verdict.fail("password policy of organisational unit "
                + "orgUnits/03ph8a2z1enx5rc is weak: minimum length 8 (needs 12), allows reusing a previous password, "
                + "does not enforce the requirements at sign-in (older passwords stay)"));
    }

    @Test
    void weakPasswordsAllowedFailAndAGroupPolicyIsNamedByItsGroup() {
        Map<String, Object> facts = strong();
        facts.put("orgUnit", null);
        facts.put("group", "groups/03x8tuzt2dkdtsf");
        facts.put("allowedStrength", "WEAK");
        assertThat(judge(facts)).isEqualTo(Verdict.fail("password policy of group groups/03x8tuzt2dkdtsf is weak: "
                + "allows WEAK passwords"));
    }

    @Test
    void aSettingGoogleDidNotStateIsUnknownNeverAPass() {
        for (String setting : List.of("minimumLength", "allowedStrength", "allowReuse", "enforceRequirementsAtLogin")) {
            Map<String, Object> unstated = strong();
            unstated.put(setting, null);
            assertThat(judge(unstated).outcome()).as(setting).isEqualTo(Outcome.UNKNOWN);
        }
        Map<String, Object> shortAndUnstated = strong();
        shortAndUnstated.put("minimumLength", 10);
        shortAndUnstated.remove("allowReuse");
        assertThat(judge(shortAndUnstated)).isEqualTo(Verdict.fail("password policy of organisational unit "
                + "orgUnits/03ph8a2z3engin9 is weak: minimum length 10 (needs 12); not stated: whether reuse is "
                + "allowed"));
    }
}
