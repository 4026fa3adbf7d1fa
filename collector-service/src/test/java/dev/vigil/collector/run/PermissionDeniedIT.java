package dev.vigil.collector.run;

import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.testing.SandboxResource;
import dev.vigil.access.testing.TestCallers;
import dev.vigil.collector.testing.TopicReader;
import dev.vigil.common.evidence.CollectionRunEvent;
import dev.vigil.common.evidence.RunFailure;
import dev.vigil.common.evidence.RunState;
import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.PostgresTestResource;
import dev.vigil.stack.testing.TestServers;
import dev.vigil.collector.testing.LimitedCredentials;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
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

/**
 * Credentials the sandbox only partly trusts (its "sandbox-limited" stubs answer 403): what could not be read is
 * named with its missing permission and yields no evidence, never an empty or passing record. (AWS's limited key:
 * {@link AwsPermissionDeniedIT}.)
 */
@QuarkusTest
@TestProfile(LimitedCredentials.class) // the three permission tests share it (one boot)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(SandboxResource.class)
class PermissionDeniedIT {
    @BeforeAll
    static void callAsService() {
        TestCallers.callAsService();
    }


    @Inject
    VigilConfig config;

    @Test
    void deniedReadsAreNamedAndLeaveNoEvidence() throws InterruptedException {
        String bootstrap = TestServers.kafka().bootstrapServers();
        TopicReader.ensureTopics(bootstrap, config.topics().evidence(), config.topics().collectionRuns());
        List<String> runIds = given().post("/api/collections").then().statusCode(202)
                .extract().jsonPath().getList("runs.runId", String.class);

        TopicReader.Output out = TopicReader.read(bootstrap, config.topics().evidence(),
                config.topics().collectionRuns(), runIds, Duration.ofSeconds(90));
        Map<String, CollectionRunEvent> ends = runIds.stream().map(id -> out.finalEvent(id).orElseThrow())
                .collect(Collectors.toMap(CollectionRunEvent::collector, Function.identity()));
        List<String> keys = out.evidence().stream().map(r -> r.event().resourceKey()).toList();

        CollectionRunEvent github = ends.get("github-branch-protection");
        assertThat(github.state()).isEqualTo(RunState.PARTIAL);
        // the limited token may not read payments-api's protection, web-frontend's collaborators, nor ask who lacks
        // two-factor (owners only)
        assertThat(github.counts()).isEqualTo(Map.of("github.branch_protection", 4L, "github.repository", 5L,
                "github.repository_access", 4L, "github.organization", 0L, "github.member", 7L));
        assertThat(github.failures()).hasSize(3).anySatisfy(f -> {
            assertThat(f.resourceType()).isEqualTo("github.repository_access");
            assertThat(f.resourceKey()).isEqualTo("github:acme-demo/web-frontend:access");
            assertThat(f.missingPermission()).startsWith("GitHub: Metadata (read) on repositories and Members (read)");
            // GraphQL refuses that one repository's collaborators in the batch query, the others still answer
            assertThat(f.reason()).contains("GraphQL query repository.collaborators(affiliation: DIRECT)",
                    "answered: FORBIDDEN: Must have push access to view repository collaborators.");
        }).anySatisfy(f -> {
            assertThat(f.resourceKey()).isEqualTo("github:acme-demo/payments-api:branch:main");
            assertThat(f.missingPermission()).isEqualTo("GitHub: Administration (read) on repositories");
            // the request as sent (method, full URL) and GitHub's own message
            assertThat(f.reason()).matches("cannot read protection of /repos/acme-demo/payments-api/branches/main: "
                    + "GET http://127\\.0\\.0\\.1:\\d+/github/repos/acme-demo/payments-api/branches/main/protection "
                    + "answered HTTP 403: Resource not accessible by personal access token");
        }).anySatisfy(f -> {
            assertThat(f.resourceType()).isEqualTo("github.organization");
            assertThat(f.resourceKey()).isEqualTo("github:acme-demo");
            assertThat(f.missingPermission()).contains("admin:org");
            assertThat(f.reason()).contains("two-factor").containsPattern(
                    "GET http://127\\.0\\.0\\.1:\\d+/github/orgs/acme-demo/members\\?filter=2fa_disabled&per_page=\\d+ "
                    + "answered HTTP 422: Only owners can use this filter\\.");
        });
        assertThat(keys).doesNotContain("github:acme-demo/payments-api:branch:main", "github:acme-demo",
                        "github:acme-demo/web-frontend:access")
                .contains("github:acme-demo/web-frontend:branch:main");

        CollectionRunEvent okta = ends.get("okta-user-mfa");
        assertThat(okta.state()).isEqualTo(RunState.FAILED);
        assertThat(okta.counts()).isEqualTo(Map.of("okta.user", 0L, "okta.password-policy", 0L,
                "okta.sign-on-policy", 0L, "okta.authentication-policy", 0L));
        // the password and sign-on policies are listed first (without the latter, no authentication policy), then
        // the users
        assertThat(okta.failures()).extracting(RunFailure::resourceType, RunFailure::resourceKey,
                        RunFailure::missingPermission)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("okta.password-policy", null,
                                "okta.policies.read"),
                        org.assertj.core.groups.Tuple.tuple("okta.sign-on-policy", null, "okta.policies.read"),
                        org.assertj.core.groups.Tuple.tuple("okta.authentication-policy", null, null),
                        org.assertj.core.groups.Tuple.tuple("okta.user", null, "okta.users.read"));
        assertThat(okta.failures().get(0).reason()).containsPattern("GET http://127\\.0\\.0\\.1:\\d+/okta/api/v1/"
                + "policies\\?type=PASSWORD answered HTTP 403: E0000006");
        assertThat(okta.failures().get(1).reason()).containsPattern("GET http://127\\.0\\.0\\.1:\\d+/okta/api/v1/"
                + "policies\\?type=OKTA_SIGN_ON answered HTTP 403: E0000006");
        assertThat(okta.failures().get(3).reason()).containsPattern("GET http://127\\.0\\.0\\.1:\\d+/okta/api/v1/users"
                + "\\?limit=\\d+ answered HTTP 403: E0000006 You do not have permission to perform the requested action");
        assertThat(keys).noneMatch(k -> k.startsWith("okta:"));
    }
}
