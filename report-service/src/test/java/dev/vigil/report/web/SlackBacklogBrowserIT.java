package dev.vigil.report.web;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.vigil.common.evidence.ControlStatus;
import dev.vigil.common.evidence.ControlStatusEvent;
import dev.vigil.common.evidence.EventCodec;
import dev.vigil.common.evidence.Topics;
import dev.vigil.report.TestUsers;
import dev.vigil.report.alerts.SlackWebhookResource;
import dev.vigil.stack.testing.KafkaTestClient;
import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import javax.sql.DataSource;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Slack alerts are delivered or visibly stuck: with the Slack stand-in ({@link SlackWebhookResource}) answering 503,
 * the dashboard (headless Chromium) shows how many alerts wait and the last delivery error, naming the route and
 * host, never the webhook's URL; once Slack takes posts again the alerts are delivered and the panel goes away by
 * itself (the page reloads while alerts wait).
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SlackWebhookResource.class)
class SlackBacklogBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** No other test uses them; both go to the default webhook. */
    private static final List<String> CONTROLS = List.of("COM-06", "COM-07");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TestHTTPResource("/")
    URI base;

    @Inject
    DataSource dataSource;

    private KafkaTestClient kafka;

    /**
     * The backlog is the whole alert table's, and the test servers are shared by every test class: start from no
     * pending or failed alert at all (a failure another test provoked would otherwise keep the panel for 24 h).
     */
    @BeforeEach
    void cleanStart() throws SQLException {
        TestUsers.signInAs(TestUsers.ENGINEER);
        kafka = new KafkaTestClient(bootstrapServers);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM report.alert WHERE state IN ('PENDING', 'FAILED') OR control_id = ANY (?)")) {
                s.setArray(1, c.createArrayOf("varchar", CONTROLS.toArray()));
                s.executeUpdate();
            }
            for (String table : List.of("status_interval", "control_status")) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM report." + table + " WHERE control_id = ANY (?)")) {
                    s.setArray(1, c.createArrayOf("varchar", CONTROLS.toArray()));
                    s.executeUpdate();
                }
            }
        }
    }

    @AfterEach
    void closeClient() {
        kafka.close();
    }

    @Test
    void theDashboardShowsTheSlackBacklogUntilSlackTakesTheAlerts() {
        try (Browser browser = Browser.start(base).signIn(TestUsers.ENGINEER, TestUsers.password(TestUsers.ENGINEER))) {
            browser.open("/");
            browser.visible(By.id("controls"));
            assertThat(browser.driver().findElements(By.id("slack-backlog"))).isEmpty();

            StubMapping down = SlackWebhookResource.server().stubFor(post(urlEqualTo("/hooks/default")).atPriority(1)
                    .willReturn(aResponse().withStatus(503).withBody("service_unavailable")));
            try {
                // Events 10 s old: past the flap delay (2 s), so both alerts are due at once.
                Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(10);
                for (String id : CONTROLS) {
                    send(new ControlStatusEvent(id, ControlStatus.PASS, t0, 2, List.of(), null));
                    awaitStatus(id, ControlStatus.PASS, t0);
                    send(new ControlStatusEvent(id, ControlStatus.FAIL, t0.plusSeconds(1), 2, List.of(), null));
                }
                await().atMost(WAIT).until(() -> CONTROLS.stream().allMatch(id -> tried(id) >= 1));

                browser.open("/");
                WebElement panel = browser.visible(By.id("slack-backlog"));
                browser.screenshot("slack-backlog");
                assertThat(browser.visible(By.id("slack-pending")).getText())
                        .startsWith("2 alerts are waiting to reach Slack: the oldest was raised ")
                        .endsWith(" UTC).");
                assertThat(browser.driver().findElement(By.id("slack-last-error")).getText())
                        .isEqualTo("HTTP 503 from default (127.0.0.1): service_unavailable");
                assertThat(browser.driver().findElement(By.cssSelector("#slack-pending a")).getAttribute("href"))
                        .endsWith("/api/alerts?state=PENDING");
                assertThat(browser.driver().findElements(By.id("slack-failed"))).isEmpty();
                assertThat(panel.getText()).doesNotContain("/hooks/", "http://127.0.0.1");
            } finally {
                SlackWebhookResource.server().removeStub(down);
            }

            // Slack takes posts again: both are delivered, and the open page drops the panel on its next reload.
            browser.until(d -> d.findElements(By.id("slack-backlog")).isEmpty());
            browser.screenshot("slack-backlog-delivered");
            for (String id : CONTROLS) {
                given().queryParam("control", id).when().get("/api/alerts").then().statusCode(200)
                        .body("alerts[0].state", equalTo("SENT"));
            }
            JsonPath backlog = when().get("/api/alerts/backlog").then().statusCode(200).extract().jsonPath();
            assertThat(backlog.getBoolean("allDelivered")).isTrue();
            assertThat(backlog.getInt("pending")).isZero();
            assertThat(backlog.getString("lastError")).isNull();
        }
    }

    /** How often the control's (one) alert was posted so far. */
    private static int tried(String controlId) {
        JsonPath alerts = given().queryParam("control", controlId).when().get("/api/alerts").then().statusCode(200)
                .extract().jsonPath();
        return alerts.getInt("total") == 0 ? 0 : alerts.getInt("alerts[0].attempts");
    }

    private void send(ControlStatusEvent event) {
        kafka.sendEvent(Topics.CONTROL_STATUS, event.controlId(), EventCodec.encode(event));
    }

    private static void awaitStatus(String id, ControlStatus status, Instant evaluatedAt) {
        await().atMost(WAIT).untilAsserted(() -> when().get("/api/controls/" + id).then()
                .statusCode(200)
                .body("status", equalTo(status.name()))
                .body("evaluatedAt", equalTo(evaluatedAt.toString())));
    }
}
