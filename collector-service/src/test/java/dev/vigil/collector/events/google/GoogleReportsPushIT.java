package dev.vigil.collector.events.google;

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

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reports API push notifications to {@code /hooks/google} through a real Kafka broker, the Admin SDK served at the
 * root of its host ({@code https://admin.googleapis.com}): Vigil opens a channel on the admin audit log at start; a
 * suspension notified with the channel's token re-reads exactly that user and publishes its evidence naming the
 * delivery; a wrong token and a repeated message publish nothing; the channel's sync message is answered.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(SandboxResource.class)
@TestProfile(SandboxResource.IdentityEventsAtRoot.class)
class GoogleReportsPushIT {
    static final String TOKEN = "test-google-channel-token";
    static final String IVAN = "google:acme-demo.com:user:108000000000000000002";
    static final Duration WAIT = Duration.ofSeconds(60);
    /** Message numbers only grow on a channel; each test takes new ones. */
    static final AtomicLong NUMBER = new AtomicLong(System.currentTimeMillis());

    @BeforeAll
    static void callAsService() {
        TestCallers.callAsService();
    }

    @Inject
    VigilConfig config;

    @Inject
    AdminChannel channel;

    String channelId() {
        await().atMost(WAIT).until(() -> channel.channelId().isPresent());
        return channel.channelId().orElseThrow();
    }

    /** A notification with the headers the push guide lists. */
    static RequestSpecification notification(String channelId, String token, String state, long number) {
        RequestSpecification r = given().auth().none()
                .header("X-Goog-Channel-ID", channelId)
                .header("X-Goog-Resource-ID", "sAnDb0xReS0urCe1d-adm1n")
                .header("X-Goog-Resource-URI",
                        "https://admin.googleapis.com/admin/reports/v1/activity/users/all/applications/admin?alt=json")
                .header("X-Goog-Resource-State", state)
                .header("X-Goog-Message-Number", Long.toString(number))
                .contentType("application/json; charset=UTF-8")
                .body(Fixtures.bytes(AdminEventTargetsTest.class, "SUSPEND_USER.json"));
        return token == null ? r : r.header("X-Goog-Channel-Token", token);
    }

    @Test
    void aNotifiedSuspensionRepublishesExactlyThatUserNamingTheDelivery() throws InterruptedException {
        String bootstrap = TestServers.kafka().bootstrapServers();
        TopicReader.ensureTopics(bootstrap, config.topics().evidence(), config.topics().collectionRuns());
        String channelId = channelId();
        notification(channelId, TOKEN, "sync", NUMBER.incrementAndGet()).post("/hooks/google").then().statusCode(200);
        long number = NUMBER.incrementAndGet();
        String id = channelId + ":" + number;

        notification(channelId, TOKEN, "SUSPEND_USER", number).post("/hooks/google").then().statusCode(202);

        await().atMost(WAIT).until(() -> TriggeredRuns.of(id).size() == 1);
        String runId = TriggeredRuns.of(id).get(0);
        TopicReader.Output out = TopicReader.read(bootstrap, config.topics().evidence(),
                config.topics().collectionRuns(), List.of(runId), WAIT);
        CollectionRunEvent end = out.finalEvent(runId).orElseThrow();
        assertThat(end.state()).isEqualTo(RunState.COMPLETED);
        assertThat(end.collector()).isEqualTo("google-workspace-users");
        assertThat(end.failures()).isEmpty();
        assertThat(end.trigger()).satisfies(t -> {
            assertThat(t.provider()).isEqualTo("google");
            assertThat(t.deliveryId()).isEqualTo(id);
            assertThat(t.eventType()).isEqualTo("admin.SUSPEND_USER");
        });
        assertThat(out.evidenceOf(runId)).singleElement().satisfies(r -> {
            EvidenceEvent ivan = r.event();
            assertThat(ivan.resourceKey()).isEqualTo(IVAN);
            assertThat(ivan.resourceType()).isEqualTo("google.user");
            assertThat(ivan.provenance().trigger()).isEqualTo(end.trigger());
            assertThat(ivan.provenance().operation()).isEqualTo("GET /admin/directory/v1/users/{userKey}");
            assertThat(ivan.facts()).containsEntry("email", "ivan.petrov@acme-demo.com")
                    .containsEntry("twoStepEnrolled", true);
        });

        // the same message again: 200, and no second run
        notification(channelId, TOKEN, "SUSPEND_USER", number).post("/hooks/google").then().statusCode(200);
        Thread.sleep(1500);
        assertThat(TriggeredRuns.of(id)).containsExactly(runId);
    }

    @Test
    void aWrongTokenOrAnotherChannelIs401AndPublishesNothing() throws InterruptedException {
        String channelId = channelId();
        long number = NUMBER.incrementAndGet();
        notification(channelId, "not-the-token", "SUSPEND_USER", number).post("/hooks/google").then().statusCode(401);
        notification("vigil-not-ours", TOKEN, "SUSPEND_USER", number).post("/hooks/google").then().statusCode(401);
        Thread.sleep(1500);
        assertThat(TriggeredRuns.of(channelId + ":" + number)).isEmpty();
        assertThat(TriggeredRuns.of("vigil-not-ours:" + number)).isEmpty();
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern(
                "vigil_events_rejected_total\\{provider=\"google\",reason=\"bad-token\"} [1-9]")
                .containsPattern("vigil_events_rejected_total\\{provider=\"google\",reason=\"unknown-channel\"} [1-9]");
    }
}
