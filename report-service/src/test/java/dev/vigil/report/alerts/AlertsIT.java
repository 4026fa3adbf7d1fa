package dev.vigil.report.alerts;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.vigil.common.evidence.ControlStatus;
import dev.vigil.common.evidence.ControlStatusEvent;
import dev.vigil.common.evidence.EventCodec;
import dev.vigil.common.evidence.FailingResource;
import dev.vigil.common.evidence.Topics;
import dev.vigil.report.TestUsers;
import dev.vigil.stack.testing.KafkaTestClient;
import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

/**
 * Slack alerts end to end: status events go into the real Kafka topic as the evaluator publishes them, alerts are
 * recorded in the real PostgreSQL, and the sender posts them to a local webhook (WireMock) whose requests are
 * counted and compared byte for byte with the expected Block Kit message. Flap delay and the NOT_EVALUATED
 * threshold are 2 s here (see {@link SlackWebhookResource}). Each test uses its own controls and first removes
 * whatever earlier runs left of them, so it also holds on servers that already carry data.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SlackWebhookResource.class)
class AlertsIT {

    @org.junit.jupiter.api.BeforeEach
    void signIn() {
        dev.vigil.report.TestUsers.signInAs(dev.vigil.report.TestUsers.ENGINEER);
    }
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Longer than the flap delay and the NOT_EVALUATED threshold (2 s) plus a few sender ticks. */
    private static final Duration SETTLE = Duration.ofSeconds(4);
    private static final List<String> CONTROLS = List.of("DS-01", "DS-03", "DS-04", "DS-05", "DS-06", "IR-01", "RA-01",
            "RA-02", "PP-19", "CM-13", "CM-15");
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    DataSource dataSource;

    private KafkaTestClient kafka;

    @BeforeEach
    void cleanStart() throws SQLException {
        kafka = new KafkaTestClient(bootstrapServers);
        try (Connection c = dataSource.getConnection()) {
            for (String table : List.of("alert", "status_interval", "control_status")) {
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
    void oneTransitionIsExactlyOneMessageAndReplayingItSendsNoMore() {
        Instant t0 = now().minusSeconds(1);
        Instant t1 = t0.plusMillis(500);
        passing("DS-01", t0);
        List<FailingResource> failing = IntStream.rangeClosed(1, 7).mapToObj(i -> new FailingResource(
                "mdm:acme:device:laptop-" + i, "mdm.device", "mdm.removable-media-encrypted",
                "removable media on laptop-" + i + " is not encrypted <AES-256> & not wiped", "sha256:" + "b".repeat(64),
                t1.minusSeconds(30), null)).toList();
        ControlStatusEvent failed = new ControlStatusEvent("DS-01", ControlStatus.FAIL, t1, 9, failing, null);
        send(failed);

        await().atMost(WAIT).until(() -> posted("/hooks/default", "DS-01").size() == 1);
        String page = "https://vigil.test/controls/DS-01";
        String title = "Encryption & physical protection for removable media";
        String since = UTC.format(t1);
        StringBuilder resources = new StringBuilder("*Failing resources*");
        for (int i = 1; i <= 5; i++) {
            resources.append("\\n• `mdm:acme:device:laptop-").append(i).append("`: removable media on laptop-").append(i)
                    .append(" is not encrypted &lt;AES-256&gt; &amp; not wiped");
        }
        resources.append("\\n_and 2 more_");
        String expected = """
                {"text": "DS-01 is failing: %1$s (PASS → FAIL since %2$s) %3$s",
                 "blocks": [
                  {"type": "header", "text": {"type": "plain_text", "text": ":red_circle: DS-01 is failing: %1$s", "emoji": true}},
                  {"type": "section", "text": {"type": "mrkdwn",
                   "text": "*<%3$s|DS-01 · Encryption &amp; physical protection for removable media>*\\n*PASS → FAIL* since %2$s\\n7 of 9 resources in scope fail."}},
                  {"type": "section", "text": {"type": "mrkdwn", "text": "%4$s"}},
                  {"type": "context", "elements": [{"type": "mrkdwn", "text": "Category DS · Data Security · <%3$s|Open in Vigil>"}]}
                 ]}""".formatted(title, since, page, resources);
        server().verify(1, postRequestedFor(urlEqualTo("/hooks/default"))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(equalToJson(expected)));

        JsonPath alerts = alerts("DS-01");
        assertThat(alerts.getInt("total")).isEqualTo(1);
        assertThat(alerts.getString("alerts[0].key")).isEqualTo("DS-01/PASS_TO_FAIL/" + t1);
        assertThat(alerts.getString("alerts[0].transition")).isEqualTo("PASS_TO_FAIL");
        assertThat(alerts.getString("alerts[0].state")).isEqualTo("SENT");
        assertThat(alerts.getInt("alerts[0].attempts")).isEqualTo(1);
        assertThat(alerts.getString("alerts[0].route")).isEqualTo("default (127.0.0.1)");
        assertThat(alerts.getString("alerts[0].payload.blocks[0].text.text")).startsWith(":red_circle: DS-01");
        assertThat(Instant.parse(alerts.getString("alerts[0].sentAt"))).isAfterOrEqualTo(t1.plusSeconds(2));

        // The same event again, as a redelivery or a replay of the topic brings it: consumed, nothing more sent.
        double staleBefore = statusEvents("stale");
        send(failed);
        await().atMost(WAIT).until(() -> statusEvents("stale") >= staleBefore + 1);
        sleep(SETTLE);
        assertThat(posted("/hooks/default", "DS-01")).hasSize(1);
        assertThat(alerts("DS-01").getInt("total")).isEqualTo(1);
    }

    @Test
    void aServerErrorIsRetriedAndTheAlertDeliveredOnce() {
        server().stubFor(post(urlEqualTo("/hooks/ds-03")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withBody("internal_error")).willSetStateTo("recovered"));
        server().stubFor(post(urlEqualTo("/hooks/ds-03")).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(200).withBody("ok")));
        Instant t0 = now().minusSeconds(1);
        passing("DS-03", t0);
        send(new ControlStatusEvent("DS-03", ControlStatus.FAIL, t0.plusMillis(500), 2, List.of(), null));

        await().atMost(WAIT).until(() -> "SENT".equals(alerts("DS-03").getString("alerts[0].state")));
        sleep(SETTLE);
        List<LoggedRequest> requests = posted("/hooks/ds-03", "DS-03");
        assertThat(requests).hasSize(2); // the 500, then the 200
        assertThat(requests.get(0).getBodyAsString()).isEqualTo(requests.get(1).getBodyAsString());
        assertThat(posted("/hooks/default", "DS-03")).isEmpty(); // the control's own route, not the default
        JsonPath alerts = alerts("DS-03");
        assertThat(alerts.getInt("total")).isEqualTo(1);
        assertThat(alerts.getInt("alerts[0].attempts")).isEqualTo(2);
        assertThat(alerts.getString("alerts[0].route")).isEqualTo("control DS-03 (127.0.0.1)");
        assertThat(alerts.getString("alerts[0].lastError")).isNull();
    }

    @Test
    void aWebhookThatRefusesFailsAtOnceWithTheError() {
        server().stubFor(post(urlEqualTo("/hooks/ds-05"))
                .willReturn(aResponse().withStatus(410).withBody("channel_is_archived")));
        Instant t0 = now().minusSeconds(1);
        passing("DS-05", t0);
        send(new ControlStatusEvent("DS-05", ControlStatus.FAIL, t0.plusMillis(500), 1, List.of(), null));

        await().atMost(WAIT).until(() -> "FAILED".equals(alerts("DS-05").getString("alerts[0].state")));
        sleep(Duration.ofSeconds(1));
        assertThat(posted("/hooks/ds-05", "DS-05")).hasSize(1);
        JsonPath alerts = alerts("DS-05");
        assertThat(alerts.getInt("alerts[0].attempts")).isEqualTo(1);
        assertThat(alerts.getString("alerts[0].lastError")).isEqualTo("HTTP 410 from control DS-05 (127.0.0.1): "
                + "channel_is_archived (not retried: the webhook refused the message)");
        given().queryParam("state", "failed").queryParam("control", "DS-05").when().get("/api/alerts").then()
                .statusCode(200).body("total", equalTo(1));
        // Given up, it stays in the delivery backlog for 24 h: never delivered, and nothing will try again.
        JsonPath backlog = backlog();
        assertThat(backlog.getBoolean("allDelivered")).isFalse();
        assertThat(backlog.getInt("failed")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aFailureThatPassesAgainWithinTheFlapDelaySendsNothing() {
        Instant t0 = now().minusSeconds(1);
        passing("DS-04", t0);
        send(new ControlStatusEvent("DS-04", ControlStatus.FAIL, t0.plusMillis(300), 2, List.of(), null));
        send(new ControlStatusEvent("DS-04", ControlStatus.PASS, t0.plusMillis(800), 2, List.of(), null));

        await().atMost(WAIT).until(() -> alerts("DS-04").getInt("total") == 2);
        sleep(SETTLE);
        assertThat(posted("/hooks/.*", "DS-04")).isEmpty();
        JsonPath alerts = alerts("DS-04");
        assertThat(alerts.getList("alerts.state")).containsExactly("SUPPRESSED", "SUPPRESSED");
        assertThat(alerts.getList("alerts.transition")).containsExactly("FAIL_TO_PASS", "PASS_TO_FAIL"); // newest first
        assertThat(alerts.getString("alerts[0].lastError")).contains("flapped", "500ms later, within flap-delay 2s");
        assertThat(alerts.getInt("alerts[1].attempts")).isZero();
    }

    @Test
    void notEvaluatedLongerThanTheThresholdAlertsOnceAndAShortSpellNotAtAll() {
        Instant t0 = now().minusMillis(500);
        String reason = "collector okta lacks okta.users.read";
        send(new ControlStatusEvent("RA-01", ControlStatus.NOT_EVALUATED, t0, 0, List.of(), reason));
        send(new ControlStatusEvent("RA-01", ControlStatus.NOT_EVALUATED, t0.plusMillis(100), 0, List.of(),
                reason + " (still)"));
        send(new ControlStatusEvent("RA-02", ControlStatus.NOT_EVALUATED, t0, 0, List.of(), reason));
        send(new ControlStatusEvent("RA-02", ControlStatus.PASS, t0.plusMillis(400), 1, List.of(), null));

        await().atMost(WAIT).until(() -> posted("/hooks/default", "RA-01").size() == 1);
        sleep(SETTLE);
        List<LoggedRequest> ra01 = posted("/hooks/default", "RA-01");
        assertThat(ra01).hasSize(1);
        JsonPath message = new JsonPath(ra01.get(0).getBodyAsString());
        assertThat(message.getString("blocks[0].text.text"))
                .isEqualTo(":warning: RA-01 not evaluated for over 2s: Internal audits of controls");
        assertThat(message.getString("blocks[1].text.text")).isEqualTo("*<https://vigil.test/controls/RA-01|RA-01 · "
                + "Internal audits of controls>*\n*NOT_EVALUATED* since " + UTC.format(t0) + "\nReason: " + reason);
        assertThat(posted("/hooks/.*", "RA-02")).isEmpty();
        assertThat(alerts("RA-02").getList("alerts.state")).containsExactly("SUPPRESSED");
        assertThat(alerts("RA-02").getString("alerts[0].lastError")).contains("evaluated again (PASS");
    }

    @Test
    void aCategoryRouteIsUsedAndTheHistoryApiPagesAndValidates() {
        Instant t0 = now().minusSeconds(1);
        passing("PP-19", t0);
        send(new ControlStatusEvent("PP-19", ControlStatus.FAIL, t0.plusMillis(500), 1, List.of(), null));
        await().atMost(WAIT).until(() -> posted("/hooks/people", "PP-19").size() == 1);
        assertThat(posted("/hooks/default", "PP-19")).isEmpty();
        assertThat(alerts("PP-19").getString("alerts[0].route")).isEqualTo("category PP (127.0.0.1)");

        JsonPath all = given().queryParam("limit", 2).when().get("/api/alerts").then().statusCode(200)
                .extract().jsonPath();
        assertThat(all.getInt("limit")).isEqualTo(2);
        assertThat(all.getList("alerts")).hasSizeLessThanOrEqualTo(2);
        JsonPath next = given().queryParam("limit", 1).queryParam("offset", 1).when().get("/api/alerts").then()
                .statusCode(200).extract().jsonPath();
        if (all.getInt("total") >= 2) {
            assertThat(next.getLong("alerts[0].id")).isEqualTo(all.getLong("alerts[1].id"));
            assertThat(Instant.parse(all.getString("alerts[0].createdAt")))
                    .isAfterOrEqualTo(Instant.parse(all.getString("alerts[1].createdAt")));
        }

        given().queryParam("state", "LOST").when().get("/api/alerts").then()
                .statusCode(400).contentType(ContentType.JSON).body("error", containsString("LOST"));
        given().queryParam("limit", 0).when().get("/api/alerts").then().statusCode(400);
        given().queryParam("control", "XX-99").when().get("/api/alerts").then()
                .statusCode(404).contentType(ContentType.JSON).body("error", containsString("XX-99"));
        when().get("/q/openapi?format=json").then().statusCode(200).body("paths", hasKey("/api/alerts"));
    }

    @Test
    void anAlertLeftPendingByACrashIsSentOnceAndASentOneNeverAgain() throws SQLException {
        // The table as a crash leaves it: DS-06 recorded with its status event but never posted; IR-01 posted and
        // marked SENT before the service stopped. The sender works from the table alone.
        Instant at = now().minusSeconds(5);
        insertAlert("DS-06", at, "PENDING", null);
        insertAlert("IR-01", at, "SENT", at.plusSeconds(2));

        await().atMost(WAIT).until(() -> posted("/hooks/default", "DS-06").size() == 1);
        sleep(SETTLE);
        assertThat(posted("/hooks/default", "DS-06")).hasSize(1);
        assertThat(posted("/hooks/.*", "IR-01")).isEmpty();
        assertThat(alerts("DS-06").getString("alerts[0].state")).isEqualTo("SENT");
        assertThat(alerts("IR-01").getInt("alerts[0].attempts")).isEqualTo(1);
    }

    @Test
    void aControlsAlertsReachSlackInOrderEachOnlyOnceTheOneBeforeIsSent() {
        // CM-13's own webhook is down; the default (CM-15's) is up.
        StubMapping down = server().stubFor(post(urlEqualTo("/hooks/cm-13")).atPriority(1)
                .willReturn(aResponse().withStatus(503).withBody("service_unavailable")));
        try {
            // Events 10 s old and 3 s apart: both past the flap delay (2 s) at once, and too far apart to flap.
            Instant t0 = now().minusSeconds(10);
            passing("CM-13", t0);
            passing("CM-15", t0);
            send(new ControlStatusEvent("CM-13", ControlStatus.FAIL, t0.plusSeconds(1), 3, List.of(), null));
            send(new ControlStatusEvent("CM-13", ControlStatus.PASS, t0.plusSeconds(4), 3, List.of(), null));

            // The failure is retried again and again; its recovery, due all along, waits its turn.
            await().atMost(WAIT).until(() -> alerts("CM-13").getInt("total") == 2
                    && alert("CM-13", "PASS_TO_FAIL").getInt("attempts") >= 3);
            JsonPath failing = alert("CM-13", "PASS_TO_FAIL");
            JsonPath recovered = alert("CM-13", "FAIL_TO_PASS");
            assertThat(failing.getString("state")).isEqualTo("PENDING");
            assertThat(failing.getString("lastError"))
                    .isEqualTo("HTTP 503 from control CM-13 (127.0.0.1): service_unavailable");
            assertThat(recovered.getString("state")).isEqualTo("PENDING");
            assertThat(recovered.getInt("attempts")).isZero();
            assertThat(Instant.parse(recovered.getString("nextAttemptAt"))).isBefore(Instant.now());
            assertThat(posted("/hooks/cm-13", "CM-13")).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.getBodyAsString()).contains(":red_circle: CM-13 is failing"));

            // Another control's alert is not held up by CM-13's.
            send(new ControlStatusEvent("CM-15", ControlStatus.FAIL, t0.plusSeconds(1), 1, List.of(), null));
            await().atMost(WAIT).untilAsserted(() -> assertThat(alerts("CM-15").getList("alerts.state"))
                    .containsExactly("SENT"));
            assertThat(posted("/hooks/default", "CM-15")).hasSize(1);
            assertThat(alert("CM-13", "PASS_TO_FAIL").getString("state")).isEqualTo("PENDING");

            // The backlog says so, naming the route and host, never the webhook's URL (a secret).
            JsonPath backlog = backlog();
            assertThat(backlog.getBoolean("allDelivered")).isFalse();
            assertThat(backlog.getInt("pending")).isGreaterThanOrEqualTo(2);
            assertThat(Instant.parse(backlog.getString("oldestPendingAt")))
                    .isBeforeOrEqualTo(Instant.parse(failing.getString("createdAt")));
            assertThat(backlog.getString("lastError.controlId")).isEqualTo("CM-13");
            assertThat(backlog.getString("lastError.error"))
                    .isEqualTo("HTTP 503 from control CM-13 (127.0.0.1): service_unavailable");
            assertThat(backlog.prettify()).doesNotContain("/hooks/", "http://127.0.0.1");
            await().atMost(WAIT).until(() -> metric("vigil_report_alerts_pending") >= 2
                    && metric("vigil_report_alerts_oldest_pending_age_seconds") >= 1);
        } finally {
            server().removeStub(down);
        }

        // Slack is back: the failure goes first, then the recovery, once.
        await().atMost(WAIT).until(() -> "SENT".equals(alert("CM-13", "FAIL_TO_PASS").getString("state")));
        sleep(SETTLE);
        JsonPath failing = alert("CM-13", "PASS_TO_FAIL");
        JsonPath recovered = alert("CM-13", "FAIL_TO_PASS");
        assertThat(failing.getString("state")).isEqualTo("SENT");
        assertThat(recovered.getInt("attempts")).isEqualTo(1);
        assertThat(Instant.parse(recovered.getString("sentAt")))
                .isAfterOrEqualTo(Instant.parse(failing.getString("sentAt")));
        List<String> bodies = posted("/hooks/cm-13", "CM-13").stream().map(LoggedRequest::getBodyAsString).toList();
        int attempts = failing.getInt("attempts");
        assertThat(bodies).hasSize(attempts + 1);
        assertThat(bodies.subList(0, attempts))
                .allSatisfy(b -> assertThat(b).contains(":red_circle: CM-13 is failing"));
        assertThat(bodies.get(attempts)).contains(":large_green_circle: CM-13 passes again");
        JsonPath after = backlog();
        assertThat(after.getString("lastError.controlId")).isNotEqualTo("CM-13");
    }

    // ---- helpers ----

    private void insertAlert(String controlId, Instant eventAt, String state, Instant sentAt) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO report.alert (alert_key, control_id, transition, event_at, payload, state, attempts,
                                          next_attempt_at, created_at, sent_at)
                VALUES (?, ?, 'PASS_TO_FAIL', ?, CAST(? AS jsonb), ?, ?, ?, ?, ?)""")) {
            s.setString(1, AlertRules.key(controlId, Transition.PASS_TO_FAIL, eventAt));
            s.setString(2, controlId);
            s.setTimestamp(3, Timestamp.from(eventAt));
            s.setString(4, "{\"text\": \"" + controlId + " is failing\", \"blocks\": []}");
            s.setString(5, state);
            s.setInt(6, sentAt == null ? 0 : 1);
            s.setTimestamp(7, Timestamp.from(eventAt.plusSeconds(2)));
            s.setTimestamp(8, Timestamp.from(eventAt));
            s.setTimestamp(9, sentAt == null ? null : Timestamp.from(sentAt));
            s.executeUpdate();
        }
    }

    private static WireMockServer server() {
        return SlackWebhookResource.server();
    }

    /** Webhook posts to a path (a regex) whose body names the control. */
    private static List<LoggedRequest> posted(String pathRegex, String controlId) {
        return server().findAll(postRequestedFor(urlPathMatching(pathRegex)).withRequestBody(containing(controlId + " ")));
    }

    /** A first PASS: no alert (nothing to compare with), but the baseline for a transition. */
    private void passing(String controlId, Instant at) {
        send(new ControlStatusEvent(controlId, ControlStatus.PASS, at, 2, List.of(), null));
        await().atMost(WAIT).untilAsserted(() -> when().get("/api/controls/" + controlId).then()
                .body("status", equalTo("PASS")).body("evaluatedAt", equalTo(at.toString())));
    }

    private void send(ControlStatusEvent event) {
        kafka.sendEvent(Topics.CONTROL_STATUS, event.controlId(), EventCodec.encode(event));
    }

    /** The control's one alert of this transition. */
    private static JsonPath alert(String controlId, String transition) {
        JsonPath all = alerts(controlId);
        int i = all.getList("alerts.transition").indexOf(transition);
        assertThat(i).as("%s alert of %s", transition, controlId).isNotNegative();
        return new JsonPath(all.prettify()).setRootPath("alerts[" + i + "]");
    }

    private static JsonPath backlog() {
        return when().get("/api/alerts/backlog").then().statusCode(200).extract().jsonPath();
    }

    /** A gauge's value on /q/metrics; NaN when absent. */
    private static double metric(String name) {
        String metrics = TestUsers.as(TestUsers.ADMIN).get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*})? (\\S+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private static JsonPath alerts(String controlId) {
        return given().queryParam("control", controlId).when().get("/api/alerts").then().statusCode(200)
                .extract().jsonPath();
    }

    private static double statusEvents(String outcome) {
        String metrics = TestUsers.as(TestUsers.ADMIN).get("/q/metrics") // admin or a service credential
                .then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^vigil_report_status_events_total\\{[^}]*outcome=\"" + outcome
                + "\"[^}]*} (\\S+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
