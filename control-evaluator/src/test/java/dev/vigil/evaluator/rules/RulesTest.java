package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Outcome;
import dev.vigil.evaluator.domain.Verdict;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RulesTest {

    static Map<String, Object> branch(Map<String, Object> overrides) {
        Map<String, Object> f = new HashMap<>(Map.of(
                "repository", "acme-demo/payments-api", "branch", "main", "archived", false,
                "visibility", "private", "protected", true, "requiredApprovingReviewCount", 2,
                "dismissStaleReviews", true, "requireCodeOwnerReviews", true, "enforceAdmins", true,
                "allowForcePushes", false));
        f.put("allowDeletions", false);
        f.put("requiredStatusChecks", List.of("ci/build"));
        f.putAll(overrides);
        return f;
    }

    static Verdict judge(dev.vigil.evaluator.domain.Rule rule, Map<String, Object> facts) {
        return rule.evaluate(new Facts(facts));
    }

    @Test
    void wellProtectedBranchPassesEveryBranchRule() {
        for (var rule : List.of(new DefaultBranchProtected(), new DefaultBranchAdminsEnforced(),
                new DefaultBranchForcePushBlocked(), new DefaultBranchRequiresApproval(),
                new DefaultBranchDismissesStaleApprovals())) {
            assertThat(judge(rule, branch(Map.of())).outcome()).as(rule.id()).isEqualTo(Outcome.PASS);
        }
    }

    @Test
    void unprotectedBranchFailsEveryBranchRuleWithTheBranchNamed() {
        Verdict v = judge(new DefaultBranchRequiresApproval(), branch(Map.of("protected", false)));
        assertThat(v.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(v.reason()).isEqualTo("default branch main of acme-demo/payments-api is not protected");
    }

    @Test
    void adminsBypassingProtectionFails() {
        Verdict v = judge(new DefaultBranchAdminsEnforced(), branch(Map.of("enforceAdmins", false)));
        assertThat(v).isEqualTo(Verdict.fail("administrators can bypass branch protection on main of acme-demo/payments-api"));
    }

    @Test
    void forcePushAndDeletionAreNamed() {
        assertThat(judge(new DefaultBranchForcePushBlocked(), branch(Map.of("allowForcePushes", true))).reason())
                .isEqualTo("force pushes are allowed on main of acme-demo/payments-api");
        assertThat(judge(new DefaultBranchForcePushBlocked(), branch(Map.of("allowDeletions", true))).reason())
                .isEqualTo("deletion is allowed on main of acme-demo/payments-api");
    }

    @Test
    void zeroRequiredApprovalsFails() {
        assertThat(judge(new DefaultBranchRequiresApproval(), branch(Map.of("requiredApprovingReviewCount", 0)))
                .outcome()).isEqualTo(Outcome.FAIL);
        assertThat(judge(new DefaultBranchDismissesStaleApprovals(), branch(Map.of("dismissStaleReviews", false)))
                .outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void archivedRepositoryIsOutOfScopeEvenUnprotected() {
        Verdict v = judge(new DefaultBranchProtected(), branch(Map.of("archived", true, "protected", false)));
        assertThat(v.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void missingFactIsUnknownNeverPass() {
        Map<String, Object> facts = branch(Map.of());
        facts.remove("enforceAdmins");
        Verdict v = judge(new DefaultBranchAdminsEnforced(), facts);
        assertThat(v).isEqualTo(Verdict.unknown("evidence lacks fact 'enforceAdmins'"));
        facts.put("enforceAdmins", "yes");
        assertThat(judge(new DefaultBranchAdminsEnforced(), facts).reason())
                .isEqualTo("fact 'enforceAdmins' should be boolean but is String");
    }

    static Map<String, Object> bucket(String algorithm) {
        Map<String, Object> f = new HashMap<>(Map.of("bucket", "acme-backups", "region", "us-east-1",
                "bucketKeyEnabled", false));
        f.put("defaultEncryption", algorithm);
        f.put("kmsKeyId", null);
        return f;
    }

    @Test
    void s3BucketNeedsDefaultEncryption() {
        S3DefaultEncryption rule = new S3DefaultEncryption();
        assertThat(judge(rule, bucket("AES256")).outcome()).isEqualTo(Outcome.PASS);
        assertThat(judge(rule, bucket("aws:kms")).outcome()).isEqualTo(Outcome.PASS);
        assertThat(judge(rule, bucket(null))).isEqualTo(Verdict.fail("bucket acme-backups has no default encryption configured"));
        assertThat(judge(rule, bucket("ROT13")).outcome()).isEqualTo(Outcome.FAIL);
        Map<String, Object> noFact = bucket("AES256");
        noFact.remove("defaultEncryption");
        assertThat(judge(rule, noFact).outcome()).isEqualTo(Outcome.UNKNOWN);
    }

    static Map<String, Object> user(String status, List<Map<String, Object>> factors) {
        return Map.of("login", "carol@acme-demo.example", "email", "carol@acme-demo.example", "status", status,
                "factors", factors);
    }

    @Test
    void oktaUserNeedsAnActiveStrongFactor() {
        OktaActiveUserMfaEnrolled rule = new OktaActiveUserMfaEnrolled();
        var push = Map.<String, Object>of("factorType", "push", "provider", "OKTA", "status", "ACTIVE");
        var email = Map.<String, Object>of("factorType", "email", "provider", "OKTA", "status", "ACTIVE");
        var pendingTotp = Map.<String, Object>of("factorType", "token:software:totp", "provider", "GOOGLE",
                "status", "PENDING_ACTIVATION");
        assertThat(judge(rule, user("ACTIVE", List.of(push))))
                .isEqualTo(Verdict.pass("carol@acme-demo.example has push"));
        assertThat(judge(rule, user("ACTIVE", List.of(email, pendingTotp))))
                .isEqualTo(Verdict.fail("carol@acme-demo.example (ACTIVE) has no active strong MFA factor enrolled"));
        assertThat(judge(rule, user("LOCKED_OUT", List.of())).outcome()).isEqualTo(Outcome.FAIL);
        assertThat(judge(rule, user("SUSPENDED", List.of())).outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(judge(rule, user("DEPROVISIONED", List.of())).outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    }

    static Map<String, Object> admin(String status, List<String> adminRoles, List<Map<String, Object>> factors) {
        Map<String, Object> f = new HashMap<>(user(status, factors));
        f.put("adminRoles", adminRoles);
        return f;
    }

    @Test
    void oktaAdministratorNeedsMoreThanPhoneOrEmail() {
        OktaAdminMfaAppOrKey rule = new OktaAdminMfaAppOrKey();
        var email = Map.<String, Object>of("factorType", "email", "provider", "OKTA", "status", "ACTIVE");
        var sms = Map.<String, Object>of("factorType", "sms", "provider", "OKTA", "status", "ACTIVE");
        var totp = Map.<String, Object>of("factorType", "token:software:totp", "provider", "GOOGLE", "status", "ACTIVE");
        var key = Map.<String, Object>of("factorType", "webauthn", "provider", "FIDO", "status", "ACTIVE");
        var pendingKey = Map.<String, Object>of("factorType", "webauthn", "provider", "FIDO",
                "status", "PENDING_ACTIVATION");
        List<String> helpDesk = List.of("HELP_DESK_ADMIN");

        assertThat(judge(rule, admin("ACTIVE", helpDesk, List.of(email, sms, pendingKey)))).isEqualTo(Verdict.fail(
                "administrator carol@acme-demo.example (HELP_DESK_ADMIN) has no active MFA factor other than SMS, "
                        + "voice call, e-mail or security question"));
        assertThat(judge(rule, admin("ACTIVE", List.of("APP_ADMIN", "SUPER_ADMIN"), List.of(sms, totp)))).isEqualTo(
                Verdict.pass("administrator carol@acme-demo.example (APP_ADMIN, SUPER_ADMIN) has token:software:totp"));
        assertThat(judge(rule, admin("ACTIVE", helpDesk, List.of(key))).reason()).endsWith("webauthn (phishing-resistant)");
        assertThat(judge(rule, admin("LOCKED_OUT", helpDesk, List.of(sms))).outcome()).isEqualTo(Outcome.FAIL);
        // not an administrator, or cannot sign in: the rule for every user covers them
        assertThat(judge(rule, admin("ACTIVE", List.of(), List.of(email))).outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(judge(rule, admin("SUSPENDED", helpDesk, List.of())).outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void oktaRolesThatWereNotReadAreUnknownNeverNotAnAdministrator() {
        OktaAdminMfaAppOrKey rule = new OktaAdminMfaAppOrKey();
        assertThat(judge(rule, admin("ACTIVE", null, List.of())))
                .isEqualTo(Verdict.unknown("the administrator roles of carol@acme-demo.example were not read"));
        // evidence from before roles were collected
        assertThat(judge(rule, user("ACTIVE", List.of())).outcome()).isEqualTo(Outcome.UNKNOWN);
    }
}
