package dev.vigil.report.alerts;

import dev.vigil.common.evidence.ControlStatus;
import dev.vigil.common.evidence.ControlStatusEvent;
import dev.vigil.common.evidence.EventCodec;
import dev.vigil.common.evidence.FailingResource;
import dev.vigil.common.evidence.Topics;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.vigil.report.TestUsers;
import dev.vigil.stack.testing.KafkaTestClient;
import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.PostgresTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.when;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * A transition is posted when its flap delay has passed, and a retry when its backoff has, not at the sender's next
 * periodic look: here the sender looks once an hour, and alerts still go out within seconds of falling due
 * ({@link AlertSender.Due}, and the look that follows every look).
 */
@QuarkusTest
@TestProfile(AlertWakeUpIT.HourlyLooks.class)
class AlertWakeUpIT {
    public static class HourlyLooks implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KafkaTestResource.class),
                    new TestResourceEntry(PostgresTestResource.class),
                    new TestResourceEntry(SlackWebhookResource.class,
                            Map.of("vigil.alerts.delivery.interval", "1h")));
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aTransitionIsPostedOnceItsFlapDelayPassedWithoutWaitingForTheSendersNextLook() {
        TestUsers.signInAs(TestUsers.ENGINEER);
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(1);
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
            // CM-16: a control no other test of this profile touches
            send(kafka, new ControlStatusEvent("CM-16", ControlStatus.PASS, t0, 2, List.of(), null));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> when().get("/api/controls/CM-16").then()
                    .body("status", equalTo("PASS")));
            // the periodic look ran at start (1 s after it) and will not run again for an hour
            send(kafka, new ControlStatusEvent("CM-16", ControlStatus.FAIL, t0.plusMillis(500), 2,
                    List.of(new FailingResource("github:acme/app:branch:main", "github.branch", "github.rule",
                            "no review required", "sha256:" + "c".repeat(64), t0, null)), null));
        }
        // due 2 s (the flap delay) after the FAIL; posted moments later
        await().atMost(Duration.ofSeconds(20)).until(() -> SlackWebhookResource.server()
                .findAll(postRequestedFor(urlPathEqualTo("/hooks/default")).withRequestBody(containing("CM-16 "))).size() == 1);
    }

    @Test
    void aRetryGoesAtItsBackoffNotAtTheSendersNextLook() {
        TestUsers.signInAs(TestUsers.ENGINEER);
        // Slack refuses CM-17's first post (a 503), then takes posts again
        StubMapping refusedOnce = SlackWebhookResource.server().stubFor(post(urlPathEqualTo("/hooks/default"))
                .atPriority(1).withRequestBody(containing("CM-17 "))
                .inScenario("CM-17 refused once").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withBody("service_unavailable")).willSetStateTo("answered"));
        try {
            // Events 10 s old: past the flap delay, so the alert is due the moment it is recorded.
            Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(10);
            try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
                send(kafka, new ControlStatusEvent("CM-17", ControlStatus.PASS, t0, 2, List.of(), null));
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> when().get("/api/controls/CM-17").then()
                        .body("status", equalTo("PASS")));
                send(kafka, new ControlStatusEvent("CM-17", ControlStatus.FAIL, t0.plusSeconds(1), 2, List.of(), null));
            }
            // refused, then retried after the initial backoff (0.3 s), within seconds and not an hour later
            await().atMost(Duration.ofSeconds(20)).until(() -> SlackWebhookResource.server()
                    .findAll(postRequestedFor(urlPathEqualTo("/hooks/default")).withRequestBody(containing("CM-17 "))).size() == 2);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> when().get("/api/alerts?control=CM-17").then()
                    .body("alerts[0].state", equalTo("SENT"))
                    .body("alerts[0].attempts", equalTo(2)));
        } finally {
            SlackWebhookResource.server().removeStub(refusedOnce);
        }
    }

    private static void send(KafkaTestClient kafka, ControlStatusEvent event) {
        kafka.sendEvent(Topics.CONTROL_STATUS, event.controlId(), EventCodec.encode(event));
    }
}
