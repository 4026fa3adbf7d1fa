package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Outcome;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Rules over github.organization, github.repository and code-owner review, on facts as the collector emits them. */
class GitHubOrganizationRulesTest {

    static Map<String, Object> org(Map<String, Object> overrides) {
        Map<String, Object> f = new HashMap<>(Map.of("organization", "acme-demo", "twoFactorRequirementEnabled", true,
                "defaultRepositoryPermission", "read", "memberCount", 5, "owners", List.of("alice-acme"),
                "membersWithoutTwoFactor", List.of(), "outsideCollaborators", List.of("jo-contractor"),
                "outsideCollaboratorsWithoutTwoFactor", List.of()));
        f.putAll(overrides);
        return f;
    }

    static Map<String, Object> repo(Map<String, Object> overrides) {
        Map<String, Object> f = new HashMap<>(Map.of("repository", "acme-demo/web-frontend", "archived", false,
                "visibility", "private", "defaultBranch", "main", "secretScanning", true,
                "secretScanningPushProtection", true, "dependabotAlerts", true, "dependabotSecurityUpdates", false));
        f.putAll(overrides);
        return f;
    }

    private static Verdict judge(Rule rule, Map<String, Object> facts) {
        return rule.evaluate(new Facts(facts));
    }

    @Test
    void anOrganisationThatRequiresTwoFactorAndHasNobodyWithoutItPasses() {
        for (Rule rule : List.of(new GitHubOrgRequiresTwoFactor(), new GitHubOrgMembersUseTwoFactor(),
                new GitHubOrgDefaultPermissionRestricted())) {
            assertThat(judge(rule, org(Map.of())).outcome()).as(rule.id()).isEqualTo(Outcome.PASS);
            assertThat(rule.resourceType()).isEqualTo("github.organization");
        }
    }

    @Test
    void twoFactorNotRequiredFails() {
        assertThat(judge(new GitHubOrgRequiresTwoFactor(), org(Map.of("twoFactorRequirementEnabled", false))))
                .isEqualTo(Verdict.fail("GitHub organisation acme-demo does not require two-factor authentication"));
    }

    @Test
    void membersAndOutsideCollaboratorsWithoutTwoFactorAreNamed() {
        Verdict v = judge(new GitHubOrgMembersUseTwoFactor(), org(Map.of("membersWithoutTwoFactor", List.of("dave-acme"),
                "outsideCollaboratorsWithoutTwoFactor", List.of("jo-contractor"))));
        assertThat(v).isEqualTo(Verdict.fail("without two-factor authentication in GitHub organisation acme-demo: "
                + "dave-acme, jo-contractor (outside collaborator)"));
    }

    @Test
    void unknownTwoFactorStateIsNeverAPass() {
        Map<String, Object> unseen = org(Map.of());
        unseen.remove("membersWithoutTwoFactor");
        assertThat(judge(new GitHubOrgMembersUseTwoFactor(), unseen).outcome()).isEqualTo(Outcome.UNKNOWN);
        Map<String, Object> hidden = org(Map.of());
        hidden.put("twoFactorRequirementEnabled", null);
        assertThat(judge(new GitHubOrgRequiresTwoFactor(), hidden).outcome()).isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void writeByDefaultFails() {
        assertThat(judge(new GitHubOrgDefaultPermissionRestricted(), org(Map.of("defaultRepositoryPermission", "none")))
                .outcome()).isEqualTo(Outcome.PASS);
        assertThat(judge(new GitHubOrgDefaultPermissionRestricted(), org(Map.of("defaultRepositoryPermission", "write")))
                .reason()).isEqualTo("every member of acme-demo gets 'write' on every repository by default: "
                + "write access is not limited to those granted it");
    }

    @Test
    void secretScanningNeedsPushProtectionToo() {
        Rule rule = new RepositorySecretScanningPushProtection();
        assertThat(judge(rule, repo(Map.of())).outcome()).isEqualTo(Outcome.PASS);
        assertThat(judge(rule, repo(Map.of("secretScanningPushProtection", false))).reason())
                .isEqualTo("push protection is off for acme-demo/web-frontend: a secret can be pushed before it is found");
        assertThat(judge(rule, repo(Map.of("secretScanning", false))).reason())
                .isEqualTo("secret scanning is off for acme-demo/web-frontend");
    }

    @Test
    void dependabotAlertsOffFailsAndArchivedRepositoriesAreOutOfScope() {
        Rule rule = new RepositoryDependabotAlerts();
        assertThat(judge(rule, repo(Map.of())).outcome()).isEqualTo(Outcome.PASS);
        assertThat(judge(rule, repo(Map.of("dependabotAlerts", false))).outcome()).isEqualTo(Outcome.FAIL);
        assertThat(judge(rule, repo(Map.of("dependabotAlerts", false, "archived", true))).outcome())
                .isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(rule.resourceType()).isEqualTo("github.repository");
    }

    @Test
    void codeOwnerReviewIsRequiredOnTheDefaultBranch() {
        Rule rule = new DefaultBranchRequiresCodeOwnerReview();
        assertThat(judge(rule, RulesTest.branch(Map.of())).outcome()).isEqualTo(Outcome.PASS);
        assertThat(judge(rule, RulesTest.branch(Map.of("requireCodeOwnerReviews", false))))
                .isEqualTo(Verdict.fail("main of acme-demo/payments-api merges without the review of the code's owners"));
        assertThat(judge(rule, RulesTest.branch(Map.of("protected", false))).outcome()).isEqualTo(Outcome.FAIL);
    }
}
