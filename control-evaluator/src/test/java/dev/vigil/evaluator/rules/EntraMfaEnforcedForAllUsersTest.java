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

/** LS-25's Entra ID rule on facts shaped as entra-id-users publishes an entra.sign-in-policy (docs/evidence.md). */
class EntraMfaEnforcedForAllUsersTest {

    /** The sandbox's "Require MFA for all users": all users but one break-glass account, all apps, MFA. */
    private static Map<String, Object> mfaForAll() {
        Map<String, Object> policy = new HashMap<>();
        policy.put("policyId", "5a1e0c11-0002-4f00-8a00-sandbox0ca02");
        policy.put("name", "Require MFA for all users");
        policy.put("state", "enabled");
        policy.put("includeUsers", List.of("All"));
        policy.put("excludeUsers", List.of("9b0c1d2e-5555-4f00-8a00-0b5eaa000001"));
        policy.put("excludeGroups", List.of());
        policy.put("excludeRoles", List.of());
        policy.put("includeApplications", List.of("All"));
        policy.put("excludeApplications", List.of());
        policy.put("clientAppTypes", List.of("all"));
        policy.put("includeLocations", null);
        policy.put("excludeLocations", null);
        policy.put("grantOperator", "OR");
        policy.put("builtInControls", List.of("mfa"));
        policy.put("authenticationStrength", null);
        return policy;
    }

    private static Map<String, Object> tenant(Boolean securityDefaults, List<Map<String, Object>> policies) {
        Map<String, Object> facts = new HashMap<>();
        facts.put("securityDefaultsEnabled", securityDefaults);
        facts.put("conditionalAccessPolicies", new ArrayList<>(policies));
        return facts;
    }

    private static Verdict judge(Map<String, Object> facts) {
        return new EntraMfaEnforcedForAllUsers().evaluate(new Facts(facts));
    }

    @Test
    void anEnabledPolicyRequiringMfaOfEveryoneForEveryAppPassesNamingItsExclusions() {
        assertThat(judge(tenant(false, List.of(mfaForAll())))).isEqualTo(Verdict.pass("conditional access policy "
                + "\"Require MFA for all users\" requires MFA of all users for all cloud apps (1 excluded user(s), "
                + "group(s) or role(s), as emergency access accounts are)"));
    }

    @Test
    void securityDefaultsAloneEnforceMfa() {
        assertThat(judge(tenant(true, List.of())).outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void aReportOnlyPolicyEnforcesNothing() {
        Map<String, Object> reportOnly = mfaForAll();
        reportOnly.put("state", "enabledForReportingButNotEnforced");
        assertThat(judge(tenant(false, List.of(reportOnly)))).isEqualTo(Verdict.fail("security defaults are off and "
                + "no enabled conditional access policy requires MFA of all users for all cloud apps (report-only, "
                + "enforcing nothing: conditional access policy \"Require MFA for all users\")"));
    }

    @Test
    void aPolicyThatLeavesAWayRoundIsNoEnforcement() {
        Map<String, Object> orDevice = mfaForAll();
        orDevice.put("builtInControls", List.of("mfa", "compliantDevice"));
        Map<String, Object> someApps = mfaForAll();
        someApps.put("includeApplications", List.of("00000002-0000-0ff1-ce00-000000000000"));
        Map<String, Object> notTheOffice = mfaForAll();
        notTheOffice.put("includeLocations", List.of("All"));
        notTheOffice.put("excludeLocations", List.of("AllTrusted"));
        Map<String, Object> admins = mfaForAll();
        admins.put("includeUsers", List.of());
        Map<String, Object> legacyOnly = mfaForAll();
        legacyOnly.put("clientAppTypes", List.of("exchangeActiveSync", "other"));
        for (Map<String, Object> policy : List.of(orDevice, someApps, notTheOffice, admins, legacyOnly)) {
            assertThat(judge(tenant(false, List.of(policy))).outcome()).as(policy.toString()).isEqualTo(Outcome.FAIL);
        }
    }

    @Test
    void mfaRequiredWithAnotherControlOrAnAuthenticationStrengthCounts() {
        Map<String, Object> and = mfaForAll();
        and.put("builtInControls", List.of("mfa", "compliantDevice"));
        and.put("grantOperator", "AND");
        Map<String, Object> strength = mfaForAll();
        strength.put("builtInControls", List.of());
        strength.put("authenticationStrength", "Phishing-resistant MFA");
        assertThat(judge(tenant(false, List.of(and))).outcome()).isEqualTo(Outcome.PASS);
        assertThat(judge(tenant(false, List.of(strength))).outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void unknownSecurityDefaultsWithoutAnEnforcingPolicyIsUnknownNeverAFailOrPass() {
        assertThat(judge(tenant(null, List.of())).outcome()).isEqualTo(Outcome.UNKNOWN);
        // an enforcing policy is enough whatever security defaults say
        assertThat(judge(tenant(null, List.of(mfaForAll()))).outcome()).isEqualTo(Outcome.PASS);
        Map<String, Object> noList = tenant(false, List.of());
        noList.remove("conditionalAccessPolicies");
        assertThat(judge(noList).outcome()).isEqualTo(Outcome.UNKNOWN);
    }
}
