package dev.vigil.collector.run;

import dev.vigil.access.testing.TestCallers;
import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.permissions.PermissionManifests;
import dev.vigil.collector.testing.Facts;
import dev.vigil.collector.testing.SandboxResource;
import dev.vigil.collector.testing.TopicReader;
import dev.vigil.common.evidence.CollectionRunEvent;
import dev.vigil.common.evidence.EvidenceEvent;
import dev.vigil.common.evidence.RunState;
import dev.vigil.common.store.EvidenceStore;
import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.PostgresTestResource;
import dev.vigil.stack.testing.TestServers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItems;

/**
 * A full collection of the sandbox organisation through a real Kafka broker: the facts of the ground truth in
 * docs/sandbox.md, exactly, and a COMPLETED run per collector.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(SandboxResource.class)
class CollectionIT {
    @BeforeAll
    static void callAsService() {
        TestCallers.callAsService();
    }

    @Inject
    VigilConfig config;

    @Inject
    EvidenceStore store;

    @Test
    void collectsTheDemoOrganisation() throws InterruptedException {
        String bootstrap = TestServers.kafka().bootstrapServers();
        TopicReader.ensureTopics(bootstrap, config.topics().evidence(), config.topics().collectionRuns());

        List<String> runIds = given().post("/api/collections")
                .then().statusCode(202)
                .extract().jsonPath().getList("runs.runId", String.class);
        // one run per collector the build finds (the AWS ones' facts: AwsCollectionIT); no count kept by hand
        assertThat(runIds).hasSameSizeAs(collectorsOfTheBuild());

        TopicReader.Output out = TopicReader.read(bootstrap, config.topics().evidence(),
                config.topics().collectionRuns(), runIds, Duration.ofSeconds(90));

        Map<String, CollectionRunEvent> ends = runIds.stream().map(id -> out.finalEvent(id).orElseThrow())
                .collect(Collectors.toMap(CollectionRunEvent::collector, Function.identity()));
        assertThat(ends.keySet()).as("collectors that ran").containsExactlyInAnyOrderElementsOf(collectorsOfTheBuild());
        assertThat(ends.values()).allSatisfy(end -> {
            assertThat(end.state()).as(end.collector()).isEqualTo(RunState.COMPLETED);
            assertThat(end.failures()).as(end.collector() + "'s failures").isEmpty();
        });
        assertThat(ends.get("github-branch-protection").counts()).isEqualTo(Map.of("github.branch_protection", 5L,
                "github.repository", 5L, "github.repository_access", 5L, "github.organization", 1L,
                "github.member", 7L));
        assertThat(ends.get("aws-s3").counts()).isEqualTo(Map.of("aws.s3.bucket", 3L,
                "aws.s3.account", 1L));
        assertThat(ends.get("okta-user-mfa").counts()).isEqualTo(Map.of("okta.user", 4L,
                "okta.password-policy", 2L, "okta.sign-on-policy", 1L, "okta.authentication-policy", 2L));
        assertThat(ends.get("entra-id-users").counts()).isEqualTo(Map.of("entra.user", 4L,
                "entra.sign-in-policy", 1L));
        assertThat(ends.get("google-workspace-users").counts()).isEqualTo(Map.of("google.user", 3L,
                "google.password-policy", 2L, "google.two-step-verification-policy", 1L));
        assertThat(out.runs()).allSatisfy(r -> {
            assertThat(r.key()).isEqualTo(r.event().key());
            assertThat(r.contentType()).isEqualTo("application/cloudevents+json");
        });
        assertThat(out.runs()).filteredOn(r -> r.event().state() == RunState.STARTED).hasSameSizeAs(runIds);

        // every item published is counted by its run, and nothing counted is missing (the counts: above and
        // AwsCollectionIT)
        assertThat(out.evidence()).as("evidence items, against their runs' counts").hasSize(counted(ends.values())).allSatisfy(r -> {
            assertThat(r.key()).isEqualTo(r.event().resourceKey());
            assertThat(r.contentType()).isEqualTo("application/cloudevents+json");
            assertThat(store.contains(r.event().provenance().responseSha256())).isTrue();
            // every answer an item cites, supporting ones included, is in the store for a bundle to copy
            assertThat(r.event().provenance().responseSha256s())
                    .allSatisfy(sha -> assertThat(store.contains(sha)).isTrue());
        });
        Map<String, EvidenceEvent> byKey = out.evidence().stream().map(TopicReader.Received::event)
                .collect(Collectors.toMap(EvidenceEvent::resourceKey, Function.identity()));

        assertGitHub(byKey);
        assertAws(byKey);
        assertOkta(byKey);

        given().get("/api/collections").then().statusCode(200)
                .body("runId", hasItems(runIds.toArray()))
                .body("find { it.collector == 'github-branch-protection' }.apiCalls.rateLimitRemaining",
                        org.hamcrest.Matchers.is(4987))
                .body("find { it.collector == 'github-branch-protection' }.apiCalls.counted",
                        org.hamcrest.Matchers.greaterThan(20))
                .body("find { it.collector == 'okta-user-mfa' }.counts.'okta.user'", org.hamcrest.Matchers.is(4));
        given().post("/api/collections?collector=no-such-collector").then().statusCode(404);
    }

    /** The collectors PermissionManifests finds in the build: the registry the tests derive their lists from. */
    static List<String> collectorsOfTheBuild() {
        return PermissionManifests.collectors().stream().map(d -> d.info().name()).toList();
    }

    /** The evidence items the runs say they published. */
    static int counted(java.util.Collection<CollectionRunEvent> ends) {
        return Math.toIntExact(ends.stream().flatMap(e -> e.counts().values().stream()).mapToLong(Long::longValue).sum());
    }

    @Test
    void declaresCollectorsAndServesHealthMetricsAndOpenApi() {
        given().get("/api/collectors").then().statusCode(200)
                // the runner's CDI beans are the collectors the class scan finds, so lists derived from it are whole
                .body("name", org.hamcrest.Matchers.containsInAnyOrder(collectorsOfTheBuild().toArray()))
                .body("find { it.name == 'aws-s3' }.permissions",
                        org.hamcrest.Matchers.contains("s3:ListAllMyBuckets", "s3:GetEncryptionConfiguration",
                                "s3:GetBucketPublicAccessBlock", "s3:GetBucketVersioning", "s3:GetBucketPolicy",
                                "s3:GetAccountPublicAccessBlock"))
                .body("find { it.name == 'okta-user-mfa' }.source",
                        org.hamcrest.Matchers.is("vigil://okta/acme-demo.okta.com"));
        given().get("/q/health").then().statusCode(200).body("status", org.hamcrest.Matchers.is("UP"));
        // Readiness names each dependency: the database, Kafka and the evidence store.
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'evidence store' }.status", org.hamcrest.Matchers.is("UP"))
                .body("checks.name", org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.containsString("Database")));
        given().get("/q/openapi").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("/api/collections"));
        given().post("/api/collections?collector=okta-user-mfa").then().statusCode(202);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/q/metrics").then().statusCode(200)
                        .body(org.hamcrest.Matchers.containsString("vigil_collector_runs_total{collector=\"okta-user-mfa\"")));
    }

    private static void assertGitHub(Map<String, EvidenceEvent> byKey) {
        EvidenceEvent payments = byKey.get("github:acme-demo/payments-api:branch:main");
        assertThat(payments.resourceType()).isEqualTo("github.branch_protection");
        assertThat(payments.source().uri()).isEqualTo("vigil://github/acme-demo");
        assertThat(payments.facts()).isEqualTo(branch("payments-api", "main", false, true, 2, true, true, true,
                List.of("ci/build", "ci/test")));
        assertThat(payments.provenance().operation()).isEqualTo("GET /repos/{owner}/{repo}/branches/{branch}/protection");
        assertThat(payments.provenance().etag()).isNotBlank();
        assertThat(payments.provenance().collector()).isEqualTo("github-branch-protection");
        assertThat(byKey.get("github:acme-demo/web-frontend:branch:main").facts())
                .isEqualTo(branch("web-frontend", "main", false, true, 1, true, false, false, List.of()));
        assertThat(byKey.get("github:acme-demo/infra-terraform:branch:main").facts())
                .isEqualTo(branch("infra-terraform", "main", false, true, 1, true, false, true, List.of()));
        assertThat(byKey.get("github:acme-demo/legacy-scripts:branch:master").facts()).isEqualTo(Facts.of(
                "repository", "acme-demo/legacy-scripts", "branch", "master", "archived", true,
                "visibility", "private", "protected", false, "protectedBy", List.of(), "requiredApprovingReviewCount", 0,
                "dismissStaleReviews", false, "requireCodeOwnerReviews", false, "enforceAdmins", false,
                "allowForcePushes", true, "allowDeletions", true, "requiredStatusChecks", List.of()));
        // protected by a ruleset alone
        assertThat(byKey.get("github:acme-demo/billing-service:branch:main").facts()).isEqualTo(Facts.of(
                "repository", "acme-demo/billing-service", "branch", "main", "archived", false,
                "visibility", "private", "protected", true, "protectedBy", List.of("rulesets"),
                "requiredApprovingReviewCount", 1, "dismissStaleReviews", true, "requireCodeOwnerReviews", true,
                "enforceAdmins", true, "allowForcePushes", false, "allowDeletions", false,
                "requiredStatusChecks", List.of("ci/build")));
        assertThat(byKey.get("github:acme-demo").facts()).containsEntry("twoFactorRequirementEnabled", true)
                .containsEntry("membersWithoutTwoFactor", List.of()).containsEntry("owners", List.of("alice-acme", "bob-acme"));
        assertThat(byKey.get("github:acme-demo:member:carol-acme").facts()).isEqualTo(Facts.of("login", "carol-acme",
                "id", 91000003, "role", "member", "twoFactorEnabled", true, "email", "carol@acme-demo.example",
                "emailSource", "saml-identity", "identitiesRead", true, "identityNotFound", null));
        assertThat(byKey.get("github:acme-demo:member:bob-acme").facts())
                .containsEntry("email", "bob@acme-demo.example").containsEntry("emailSource", "verified-domain-email");
        assertThat(byKey.get("github:acme-demo:member:octo-contractor").facts()).containsEntry("email", null)
                .containsEntry("identitiesRead", true).containsEntry("identityNotFound",
                        "no SAML identity linked to this account, no verified-domain e-mail, no mapping file configured");
        assertThat(byKey.get("github:acme-demo/infra-terraform").facts()).containsEntry("dependabotAlerts", false)
                .containsEntry("secretScanningPushProtection", true);
    }

    private static Map<String, Object> branch(String repo, String branch, boolean archived, boolean isProtected,
                                              int reviews, boolean dismissStale, boolean codeOwners,
                                              boolean enforceAdmins, List<String> checks) {
        return Facts.of("repository", "acme-demo/" + repo, "branch", branch, "archived", archived,
                "visibility", "private", "protected", isProtected, "protectedBy", List.of("branch_protection"),
                "requiredApprovingReviewCount", reviews,
                "dismissStaleReviews", dismissStale, "requireCodeOwnerReviews", codeOwners,
                "enforceAdmins", enforceAdmins, "allowForcePushes", false, "allowDeletions", false,
                "requiredStatusChecks", checks);
    }

    private static void assertAws(Map<String, EvidenceEvent> byKey) {
        EvidenceEvent data = byKey.get("aws:111122223333:s3:acme-customer-data");
        assertThat(data.resourceType()).isEqualTo("aws.s3.bucket");
        assertThat(data.source().uri()).isEqualTo("vigil://aws/111122223333");
        Map<String, Object> account = Facts.of("blockPublicAcls", true, "ignorePublicAcls", true,
                "blockPublicPolicy", false, "restrictPublicBuckets", false);
        assertThat(data.facts()).isEqualTo(Facts.of("bucket", "acme-customer-data", "region", "us-east-1",
                "defaultEncryption", "aws:kms",
                "kmsKeyId", "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                "bucketKeyEnabled", true,
                "publicAccessBlock", Facts.of("blockPublicAcls", false, "ignorePublicAcls", false,
                        "blockPublicPolicy", true, "restrictPublicBuckets", true),
                "accountPublicAccessBlock", account,
                "versioning", "Enabled", "bucketPolicy", true, "policyDeniesInsecureTransport", true));
        for (String bucket : List.of("acme-backups", "acme-app-logs")) {
            assertThat(byKey.get("aws:111122223333:s3:" + bucket).facts()).containsAllEntriesOf(Facts.of(
                    "bucket", bucket, "region", "us-east-1", "defaultEncryption", "AES256", "kmsKeyId", null,
                    "bucketKeyEnabled", false));
        }
        // the sandbox's failing bucket: no block of its own, versioning never enabled, a policy without TLS deny
        assertThat(byKey.get("aws:111122223333:s3:acme-app-logs").facts())
                .containsEntry("publicAccessBlock", null).containsEntry("versioning", null)
                .containsEntry("bucketPolicy", true).containsEntry("policyDeniesInsecureTransport", false);
        assertThat(byKey.get("aws:111122223333:s3").facts())
                .isEqualTo(Facts.of("accountId", "111122223333", "publicAccessBlock", account));
        assertThat(data.provenance().operation()).isEqualTo("s3:GetBucketEncryption");
    }

    private static void assertOkta(Map<String, EvidenceEvent> byKey) {
        String prefix = "okta:acme-demo.okta.com:user:";
        EvidenceEvent alice = byKey.get(prefix + "00ualice000demo00001");
        assertThat(alice.resourceType()).isEqualTo("okta.user");
        assertThat(alice.source().uri()).isEqualTo("vigil://okta/acme-demo.okta.com");
        assertThat(alice.facts()).isEqualTo(user("alice", "ACTIVE", "2026-11-20T08:12:44.000Z", List.of("SUPER_ADMIN"),
                factor("push", "OKTA"), factor("token:software:totp", "GOOGLE")));
        assertThat(byKey.get(prefix + "00ubob00000demo00002").facts()).isEqualTo(user("bob", "ACTIVE",
                "2026-11-19T17:02:10.000Z", List.of("READ_ONLY_ADMIN"), factor("webauthn", "FIDO")));
        assertThat(byKey.get(prefix + "00ucarol000demo00003").facts()).isEqualTo(user("carol", "ACTIVE",
                "2026-11-21T11:40:03.000Z", List.of("HELP_DESK_ADMIN"), factor("email", "OKTA")));
        assertThat(byKey.get(prefix + "00udave0000demo00004").facts())
                .isEqualTo(user("dave", "SUSPENDED", null, List.of()));
        // the factors are the main answer; the users page and alice's roles answer are cited beside them
        assertThat(alice.provenance().operation()).isEqualTo("GET /api/v1/users/{id}/factors");
        assertThat(alice.provenance().parameters()).isEqualTo(Map.of("userId", "00ualice000demo00001"));
        assertThat(alice.provenance().supporting()).extracting(c -> c.operation())
                .containsExactly("GET /api/v1/users", "GET /api/v1/users/{id}/roles");
    }

    @SafeVarargs
    private static Map<String, Object> user(String name, String status, String lastLogin, List<String> adminRoles,
                                            Map<String, Object>... factors) {
        String login = name + "@acme-demo.example";
        return Facts.of("login", login, "email", login, "status", status,
                "statusChanged", "SUSPENDED".equals(status) ? "2026-09-30T15:00:00.000Z" : "2024-01-15T09:05:00.000Z",
                "lastLogin", lastLogin, "factors", List.of(factors), "adminRoles", adminRoles);
    }

    private static Map<String, Object> factor(String type, String provider) {
        return Facts.of("factorType", type, "provider", provider, "status", "ACTIVE");
    }
}
