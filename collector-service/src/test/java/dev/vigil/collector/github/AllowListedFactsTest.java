package dev.vigil.collector.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.collector.aws.backup.BackupCollector;
import dev.vigil.collector.aws.cloudtrail.CloudTrailCollector;
import dev.vigil.collector.aws.ec2.Ec2Collector;
import dev.vigil.collector.aws.elb.LoadBalancersCollector;
import dev.vigil.collector.aws.guardduty.GuardDutyCollector;
import dev.vigil.collector.aws.iam.IamCollector;
import dev.vigil.collector.aws.identitycenter.IdentityCenterCollector;
import dev.vigil.collector.aws.kms.KmsCollector;
import dev.vigil.collector.aws.rds.RdsCollector;
import dev.vigil.collector.aws.s3.S3Collector;
import dev.vigil.collector.entra.EntraIdUsersCollector;
import dev.vigil.collector.entra.EntraSignInPolicyFacts;
import dev.vigil.collector.entra.EntraUserFacts;
import dev.vigil.collector.google.GooglePasswordPolicyFacts;
import dev.vigil.collector.google.GoogleUserFacts;
import dev.vigil.collector.google.GoogleWorkspaceUsersCollector;
import dev.vigil.collector.okta.OktaAuthenticationPolicyFacts;
import dev.vigil.collector.okta.OktaPasswordPolicyFacts;
import dev.vigil.collector.okta.OktaSignOnPolicyFacts;
import dev.vigil.collector.okta.OktaUserFacts;
import dev.vigil.collector.okta.OktaUserMfaCollector;
import dev.vigil.collector.spi.AllowListDefinitions;
import dev.vigil.common.evidence.AllowList;
import dev.vigil.common.evidence.AllowLists;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The allow-lists beside the collectors keep what the facts are read from: facts computed from the stored, masked
 * answer of the sandbox equal those computed from the answer as sent (so an auditor can recompute them), and what
 * no fact needs is masked.
 */
class AllowListedFactsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path sandbox(String file) {
        String root = System.getProperty("vigil.sandbox.root", "../deploy/sandbox/src/main/resources/sandbox");
        return Path.of(root, "__files", file);
    }

    private static byte[] read(String file) throws IOException {
        return Files.readAllBytes(sandbox(file));
    }

    private static JsonNode masked(AllowLists lists, String key, String file) throws IOException {
        return JSON.readTree(lists.redact(key, read(file)));
    }

    @Test
    void everyCollectorWithADefinitionHasItFoundByName() {
        for (Class<?> c : List.of(GitHubBranchProtectionCollector.class, OktaUserMfaCollector.class,
                EntraIdUsersCollector.class, GoogleWorkspaceUsersCollector.class, S3Collector.class, IamCollector.class,
                BackupCollector.class, CloudTrailCollector.class, Ec2Collector.class, LoadBalancersCollector.class,
                GuardDutyCollector.class, IdentityCenterCollector.class, KmsCollector.class, RdsCollector.class)) {
            assertThat(AllowListDefinitions.of(c).kinds()).as(c.getSimpleName()).isNotEmpty();
        }
    }

    @Test
    void githubRepositoriesKeepTheirFactsAndLoseTheirDescriptions() throws IOException {
        AllowLists lists = AllowListDefinitions.of(GitHubBranchProtectionCollector.class);
        String key = "/github/orgs/acme-demo/repos?per_page=100";
        assertThat(lists.forKey(key).map(AllowList::kind)).contains("repositories");
        JsonNode sent = JSON.readTree(read("github/orgs-acme-demo-repos.json"));
        JsonNode kept = masked(lists, key, "github/orgs-acme-demo-repos.json");
        for (int i = 0; i < sent.size(); i++) {
            assertThat(RepositoryFacts.of(kept.get(i), true)).isEqualTo(RepositoryFacts.of(sent.get(i), true));
            assertThat(kept.get(i).path("description").asText()).isIn(AllowList.MASK, "null");
            assertThat(kept.get(i).path("name").asText()).isEqualTo(sent.get(i).path("name").asText());
        }
        JsonNode org = masked(lists, "/github/orgs/acme-demo", "github/org-acme-demo.json");
        assertThat(org.path("blog").asText()).isEqualTo(AllowList.MASK);
        JsonNode sentOrg = JSON.readTree(read("github/org-acme-demo.json"));
        for (String fact : List.of("login", "id", "two_factor_requirement_enabled", "default_repository_permission")) {
            assertThat(org.path(fact)).as(fact).isEqualTo(sentOrg.path(fact));
        }
    }

    @Test
    void branchesProtectionRulesAndPeopleKeyToTheirKinds() {
        AllowLists lists = AllowListDefinitions.of(GitHubBranchProtectionCollector.class);
        assertThat(lists.forKey("/repos/acme-demo/payments-api/branches/main").map(AllowList::kind)).contains("branch");
        assertThat(lists.forKey("/repos/acme-demo/payments-api/branches/main/protection").map(AllowList::kind))
                .contains("branch protection");
        assertThat(lists.forKey("/repos/acme-demo/payments-api/rules/branches/main?per_page=100").map(AllowList::kind))
                .contains("branch rules");
        assertThat(lists.forKey("/orgs/acme-demo/members?filter=2fa_disabled&per_page=100").map(AllowList::kind))
                .contains("people list");
        assertThat(lists.forKey("POST /graphql organization.repositories.hasVulnerabilityAlertsEnabled after=")
                .map(AllowList::kind)).contains("graphql dependabot alerts");
    }

    @Test
    void identityProvidersUsersKeepTheirFacts() throws IOException {
        AllowLists okta = AllowListDefinitions.of(OktaUserMfaCollector.class);
        JsonNode sentUsers = JSON.readTree(read("okta/users-page-1.json"));
        JsonNode keptUsers = masked(okta, "/okta/api/v1/users?limit=200", "okta/users-page-1.json");
        JsonNode sentFactors = JSON.readTree(read("okta/factors-bob.json"));
        JsonNode keptFactors = masked(okta, "/okta/api/v1/users/00ubob00000demo00002/factors", "okta/factors-bob.json");
        for (int i = 0; i < sentUsers.size(); i++) {
            assertThat(OktaUserFacts.of(keptUsers.get(i), keptFactors, List.of()))
                    .isEqualTo(OktaUserFacts.of(sentUsers.get(i), sentFactors, List.of()));
        }
        assertThat(keptUsers.toString()).doesNotContain("AKIACANARY0VIGIL0001", "canary-Pw-9f3a", "VIGILCANARY");
        assertThat(keptFactors.toString()).doesNotContain("VIGILCANARY").contains("\"backup\":\"" + AllowList.MASK);
        JsonNode sentPolicies = JSON.readTree(read("okta/password-policies.json"));
        JsonNode keptPolicies = masked(okta, "/okta/api/v1/policies?type=PASSWORD", "okta/password-policies.json");
        for (int i = 0; i < sentPolicies.size(); i++) {
            assertThat(OktaPasswordPolicyFacts.of(keptPolicies.get(i)))
                    .isEqualTo(OktaPasswordPolicyFacts.of(sentPolicies.get(i)));
        }
        // a policy's description is free text an administrator wrote: nothing is read from it
        assertThat(keptPolicies.get(0).path("description").asText()).isEqualTo(AllowList.MASK);

        JsonNode sentSignOn = JSON.readTree(read("okta/sign-on-policies.json")).get(0);
        JsonNode keptSignOn = masked(okta, "/okta/api/v1/policies?type=OKTA_SIGN_ON", "okta/sign-on-policies.json")
                .get(0);
        List<JsonNode> sentRules = new java.util.ArrayList<>();
        JSON.readTree(read("okta/sign-on-policy-rules.json")).forEach(sentRules::add);
        List<JsonNode> keptRules = new java.util.ArrayList<>();
        masked(okta, "/okta/api/v1/policies/00psignon00demo00001/rules", "okta/sign-on-policy-rules.json")
                .forEach(keptRules::add);
        assertThat(OktaSignOnPolicyFacts.of(keptSignOn, keptRules))
                .isEqualTo(OktaSignOnPolicyFacts.of(sentSignOn, sentRules));
        assertThat(keptSignOn.path("description").asText()).isEqualTo(AllowList.MASK);
        // Identity Engine's authentication policies: the same lists keep the facts of each policy and its rules
        for (String[] page : new String[][] {{"authentication-policies-page-1.json", "rstdashboard0demo001", "dashboard"},
                {"authentication-policies-page-2.json", "rstdefault00demo0001", "default"}}) {
            JsonNode sentPolicy = JSON.readTree(read("okta/" + page[0])).get(0);
            JsonNode keptPolicy = masked(okta, "/okta/api/v1/policies?type=ACCESS_POLICY", "okta/" + page[0]).get(0);
            String rules = "okta/authentication-policy-rules-" + page[2] + ".json";
            List<JsonNode> sentAppRules = new java.util.ArrayList<>();
            JSON.readTree(read(rules)).forEach(sentAppRules::add);
            List<JsonNode> keptAppRules = new java.util.ArrayList<>();
            masked(okta, "/okta/api/v1/policies/" + page[1] + "/rules", rules).forEach(keptAppRules::add);
            assertThat(OktaAuthenticationPolicyFacts.of(keptPolicy, keptAppRules, true))
                    .isEqualTo(OktaAuthenticationPolicyFacts.of(sentPolicy, sentAppRules, true));
            assertThat(keptPolicy.path("description").asText()).isEqualTo(AllowList.MASK);
        }

        AllowLists entra = AllowListDefinitions.of(EntraIdUsersCollector.class);
        JsonNode sentRegistrations = JSON.readTree(read("entra/registration-details.json")).path("value");
        JsonNode keptRegistrations = masked(entra,
                "/entra/graph/v1.0/reports/authenticationMethods/userRegistrationDetails", "entra/registration-details.json")
                .path("value");
        for (String page : List.of("entra/users-page-1.json", "entra/users-page-2.json")) {
            JsonNode sent = JSON.readTree(read(page)).path("value");
            JsonNode kept = masked(entra, "/entra/graph/v1.0/users?$top=2", page).path("value");
            for (int i = 0; i < sent.size(); i++) {
                assertThat(EntraUserFacts.of(kept.get(i), keptRegistrations.get(0)))
                        .isEqualTo(EntraUserFacts.of(sent.get(i), sentRegistrations.get(0)));
            }
            assertThat(kept.toString()).doesNotContain("VIGILCANARY", "xoxb-");
        }

        JsonNode sentDefaults = JSON.readTree(read("entra/security-defaults.json"));
        JsonNode keptDefaults = masked(entra, "/entra/graph/v1.0/policies/identitySecurityDefaultsEnforcementPolicy",
                "entra/security-defaults.json");
        List<JsonNode> sentCa = new java.util.ArrayList<>();
        List<JsonNode> keptCa = new java.util.ArrayList<>();
        for (String page : List.of("entra/conditional-access-page-1.json", "entra/conditional-access-page-2.json")) {
            JSON.readTree(read(page)).path("value").forEach(sentCa::add);
            masked(entra, "/entra/graph/v1.0/identity/conditionalAccess/policies", page).path("value")
                    .forEach(keptCa::add);
        }
        assertThat(EntraSignInPolicyFacts.of(keptDefaults, keptCa)).isEqualTo(EntraSignInPolicyFacts.of(sentDefaults,
                sentCa));
        assertThat(keptDefaults.path("description").asText()).isEqualTo(AllowList.MASK);

        AllowLists google = AllowListDefinitions.of(GoogleWorkspaceUsersCollector.class);
        JsonNode sent = JSON.readTree(read("google/users-page-1.json")).path("users");
        JsonNode kept = masked(google, "/google/admin/directory/v1/users?customer=my_customer",
                "google/users-page-1.json").path("users");
        for (int i = 0; i < sent.size(); i++) {
            assertThat(GoogleUserFacts.of(kept.get(i))).isEqualTo(GoogleUserFacts.of(sent.get(i)));
        }
        assertThat(kept.toString()).doesNotContain("VIGILCANARY");
        for (String page : List.of("google/policies-page-1.json", "google/policies-page-2.json")) {
            JsonNode sentGoogle = JSON.readTree(read(page)).path("policies");
            JsonNode keptGoogle = masked(google, "/google/v1/policies?filter=x", page).path("policies");
            for (int i = 0; i < sentGoogle.size(); i++) {
                assertThat(GooglePasswordPolicyFacts.of(keptGoogle.get(i)))
                        .isEqualTo(GooglePasswordPolicyFacts.of(sentGoogle.get(i)));
            }
        }
    }

    @Test
    void awsXmlAnswersKeepTheirFactsFields() throws IOException {
        AllowLists iam = AllowListDefinitions.of(IamCollector.class);
        String report = new String(iam.redact("GetCredentialReport", read("aws/iam-get-credential-report.xml")),
                StandardCharsets.UTF_8);
        String sentContent = new String(read("aws/iam-get-credential-report.xml"), StandardCharsets.UTF_8)
                .replaceAll("(?s).*<Content>(.*)</Content>.*", "$1");
        assertThat(report).contains("<Content>" + sentContent + "</Content>");
        String tags = new String(iam.redact("ListUserTags:alice.admin", read("aws/iam-user-tags-alice.admin.xml")),
                StandardCharsets.UTF_8);
        assertThat(tags).contains("<Key>", "<Value>").doesNotContain(AllowList.MASK + "</Key>");

        AllowLists s3 = AllowListDefinitions.of(S3Collector.class);
        String buckets = new String(s3.redact("ListBuckets", read("aws/list-buckets.xml")), StandardCharsets.UTF_8);
        assertThat(buckets).contains("<Name>acme-backups</Name>");
        String block = new String(s3.redact("GetPublicAccessBlock", read("aws/account-public-access-block.xml")),
                StandardCharsets.UTF_8);
        assertThat(block).contains("<BlockPublicAcls>true</BlockPublicAcls>", "<BlockPublicPolicy>false</BlockPublicPolicy>");
    }
}
