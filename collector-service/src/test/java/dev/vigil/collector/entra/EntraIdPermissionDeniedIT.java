package dev.vigil.collector.entra;

import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.testing.SandboxResource;
import dev.vigil.access.testing.TestCallers;
import dev.vigil.collector.testing.TopicReader;
import dev.vigil.common.evidence.CollectionRunEvent;
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

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An app registration without AuditLog.Read.All: nobody's MFA can be judged, so the run names the permission and
 * publishes no user at all (never users that look unregistered). Without Policy.Read.All either, it names that too
 * and publishes no sign-in policy.
 */
@QuarkusTest
@TestProfile(LimitedCredentials.class) // the three permission tests share it (one boot)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(SandboxResource.class)
class EntraIdPermissionDeniedIT {
    @BeforeAll
    static void callAsService() {
        TestCallers.callAsService();
    }

    @Inject
    VigilConfig config;

    @Test
    void theMissingPermissionIsNamedAndNoUserIsPublished() throws InterruptedException {
        String bootstrap = TestServers.kafka().bootstrapServers();
        TopicReader.ensureTopics(bootstrap, config.topics().evidence(), config.topics().collectionRuns());
        String runId = given().post("/api/collections?collector=" + EntraIdUsersCollector.NAME).then().statusCode(202)
                .extract().jsonPath().getString("runs[0].runId");

        TopicReader.Output out = TopicReader.read(bootstrap, config.topics().evidence(),
                config.topics().collectionRuns(), List.of(runId), Duration.ofSeconds(60));
        CollectionRunEvent end = out.finalEvent(runId).orElseThrow();
        assertThat(end.state()).isIn(RunState.FAILED, RunState.PARTIAL);
        // the limited app registration lacks Policy.Read.All too: the sign-in policy is read first, and named
        assertThat(end.failures()).hasSize(2).first().satisfies(f -> {
            assertThat(f.resourceType()).isEqualTo(EntraIdUsersCollector.TYPE_SIGN_IN_POLICY);
            assertThat(f.missingPermission()).isEqualTo("Policy.Read.All");
            assertThat(f.reason()).containsPattern("GET http://127\\.0\\.0\\.1:\\d+/entra/graph/v1\\.0/policies/"
                    + "identitySecurityDefaultsEnforcementPolicy answered HTTP 403: AccessDenied: ");
        });
        assertThat(end.failures().get(1)).satisfies(f -> {
            assertThat(f.resourceType()).isEqualTo(EntraIdUsersCollector.TYPE);
            assertThat(f.missingPermission()).isEqualTo("AuditLog.Read.All");
            assertThat(f.reason()).containsPattern("GET http://127\\.0\\.0\\.1:\\d+/entra/graph/v1\\.0/reports/"
                    + "authenticationMethods/userRegistrationDetails\\?%24top=\\d+ answered HTTP 403: "
                    + "Authorization_RequestDenied: Insufficient privileges to complete the operation\\.");
        });
        assertThat(out.evidenceOf(runId)).isEmpty();
    }
}
