package dev.vigil.collector.events.entra;

import dev.vigil.access.testing.TestCallers;
import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.testing.Fixtures;
import dev.vigil.collector.testing.SandboxResource;
import dev.vigil.collector.testing.TopicReader;
import dev.vigil.collector.testing.TriggeredRuns;
import dev.vigil.common.evidence.CollectionRunEvent;
import dev.vigil.common.evidence.EvidenceEvent;
import dev.vigil.common.evidence.RunState;
import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.PostgresTestResource;
import dev.vigil.stack.testing.TestServers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Microsoft Graph change notifications to {@code /hooks/entra} through a real Kafka broker, with Graph served at the
 * root of its host as production has it ({@code https://graph.microsoft.com}): Vigil subscribes at start, a
 * notification carrying the clientState re-reads exactly the user it names and publishes that user's evidence naming
 * the delivery; a wrong clientState and a repeated delivery publish nothing; Graph's validation request is answered.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(SandboxResource.class)
@TestProfile(SandboxResource.IdentityEventsAtRoot.class)
class EntraChangeNotificationIT {
    /** The clientState application.properties gives the test profile (the second of two, as during a rotation). */
    static final String SECRET = "test-entra-client-state";
    static final String SUBSCRIPTION = "7f105c7d-2dc5-4530-97cd-4e7ae6534c07";
    static final String FIXTURE_EXPIRY = "2026-12-05T14:20:11.2345678+00:00";
    static final String ERIK = "entra:acme-demo.onmicrosoft.com:user:7b2d4e6f-2222-4c3d-8e9f-1a2b3c4d5e6f";
    static final Duration WAIT = Duration.ofSeconds(60);

    @BeforeAll
    static void callAsService() {
        TestCallers.callAsService();
    }

    @Inject
    VigilConfig config;

    @Inject
    EntraUsersSubscription subscription;

    /** The recorded notification, made a new delivery (Graph names none: its body is its identity). */
    static byte[] userUpdated(String clientState) {
        return Fixtures.text(EntraNotificationTargetsTest.class, "user-updated.json")
                .replace(FIXTURE_EXPIRY, Instant.now().toString())
                .replace("\"" + SECRET + "\"", "\"" + clientState + "\"").getBytes(StandardCharsets.UTF_8);
    }

    static RequestSpecification notification(byte[] body) {
        return given().auth().none().header("User-Agent", "Microsoft-Notifications")
                .contentType("application/json; charset=utf-8").body(body);
    }

    @Test
    void vigilSubscribesToUsersAtGraphAtTheRootOfItsHost() {
        await().atMost(WAIT).until(() -> subscription.id().isPresent());
        assertThat(subscription.id()).contains(SUBSCRIPTION);
    }

    @Test
    void aVerifiedNotificationRepublishesExactlyThatUserNamingTheDelivery() throws InterruptedException {
        String bootstrap = TestServers.kafka().bootstrapServers();
        TopicReader.ensureTopics(bootstrap, config.topics().evidence(), config.topics().collectionRuns());
        await().atMost(WAIT).until(() -> subscription.id().isPresent());
        byte[] body = userUpdated(SECRET);
        String id = EntraReceiver.deliveryId(body);

        notification(body).post("/hooks/entra").then().statusCode(202);

        await().atMost(WAIT).until(() -> TriggeredRuns.of(id).size() == 1);
        String runId = TriggeredRuns.of(id).get(0);
        TopicReader.Output out = TopicReader.read(bootstrap, config.topics().evidence(),
                config.topics().collectionRuns(), List.of(runId), WAIT);
        CollectionRunEvent end = out.finalEvent(runId).orElseThrow();
        assertThat(end.state()).isEqualTo(RunState.COMPLETED);
        assertThat(end.collector()).isEqualTo("entra-id-users");
        assertThat(end.failures()).isEmpty();
        assertThat(end.trigger()).satisfies(t -> {
            assertThat(t.provider()).isEqualTo("entra");
            assertThat(t.deliveryId()).isEqualTo(id);
            assertThat(t.eventType()).isEqualTo("users.updated");
        });
        assertThat(out.evidenceOf(runId)).singleElement().satisfies(r -> {
            EvidenceEvent erik = r.event();
            assertThat(erik.resourceKey()).isEqualTo(ERIK);
            assertThat(erik.resourceType()).isEqualTo("entra.user");
            assertThat(erik.provenance().trigger()).isEqualTo(end.trigger());
            assertThat(erik.provenance().operation()).isEqualTo("GET /v1.0/users/{id}");
            // read as a run of everything reads it (docs/sandbox.md: erik, one-time passcode, no administrator)
            assertThat(erik.facts()).containsEntry("email", "erik.novak@acme-demo.com")
                    .containsEntry("mfaRegistered", true).containsEntry("admin", false)
                    .containsEntry("methodsRegistered", List.of("softwareOneTimePasscode"));
            assertThat(erik.provenance().supporting().get(0).operation())
                    .isEqualTo("GET /v1.0/reports/authenticationMethods/userRegistrationDetails/{id}");
        });

        // Graph's retry of the same delivery: 200, and no second run
        notification(body).post("/hooks/entra").then().statusCode(200);
        Thread.sleep(1500);
        assertThat(TriggeredRuns.of(id)).containsExactly(runId);
    }

    @Test
    void aWrongClientStateIs401AndPublishesNothing() throws InterruptedException {
        byte[] body = userUpdated("not-the-secret");
        String id = EntraReceiver.deliveryId(body);
        notification(body).post("/hooks/entra").then().statusCode(401);
        Thread.sleep(1500);
        assertThat(TriggeredRuns.of(id)).isEmpty();
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern(
                "vigil_events_rejected_total\\{provider=\"entra\",reason=\"bad-client-state\"} [1-9]");
    }

    @Test
    void graphsValidationRequestIsAnsweredWithTheTokenAsPlainText() {
        String token = "Validation: Testing client application reachability for subscription Request-Id: "
                + "b0d1e9a5-3f6c-4b8e-9a2d-7c1e5f3a9b20";
        given().auth().none().contentType("text/plain; charset=utf-8").queryParam("validationToken", token)
                .post("/hooks/entra").then().statusCode(200).contentType("text/plain")
                .header("X-Content-Type-Options", "nosniff").body(equalTo(token));
    }
}
