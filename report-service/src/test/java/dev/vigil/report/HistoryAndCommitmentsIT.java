package dev.vigil.report;

import dev.vigil.common.evidence.ControlStatus;
import dev.vigil.common.evidence.ControlStatusEvent;
import dev.vigil.common.evidence.EventCodec;
import dev.vigil.common.evidence.FailingResource;
import dev.vigil.common.evidence.Provenance;
import dev.vigil.common.evidence.Topics;
import dev.vigil.stack.testing.KafkaTestClient;
import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Status history, period summaries and service commitments against a real Kafka broker and a real PostgreSQL:
 * events go in through the topic exactly as the evaluator publishes them, and come out through the API. Each test
 * uses controls no other test reports on, with times just before "now", so they are the newest of their control
 * even on servers that already carry data.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class HistoryAndCommitmentsIT {

    @org.junit.jupiter.api.BeforeEach
    void signIn() {
        dev.vigil.report.TestUsers.signInAs(dev.vigil.report.TestUsers.ENGINEER);
    }
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TOPIC = Topics.CONTROL_STATUS;
    /** Durations and shares are JSON doubles; JsonPath would read them as floats (0.4 becomes 0.4000000059...). */
    private static final JsonPathConfig DOUBLES = new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private KafkaTestClient kafka;

    @BeforeEach
    void openClient() {
        kafka = new KafkaTestClient(bootstrapServers);
    }

    @AfterEach
    void closeClient() {
        kafka.close();
    }

    @Test
    void passFailPassIsThreeIntervalsAndRedeliveryOrALateEventKeepsTheChainRight() {
        Instant t1 = now().minusSeconds(3);
        Instant t2 = t1.plusSeconds(1);
        Instant t3 = t1.plusSeconds(2);
        Instant end = t3.plusMillis(500);
        FailingResource failing = new FailingResource("aws:111122223333:firewall:edge", "aws.firewall",
                "aws.firewall-reviewed", "firewall rules not reviewed this quarter", "sha256:" + "e".repeat(64),
                t2.minusSeconds(1), new Provenance("network-firewall:DescribeRuleGroup", Map.of(), null,
                "f".repeat(64), "aws", "0.1.0"));
        ControlStatusEvent failed = new ControlStatusEvent("COM-05", ControlStatus.FAIL, t2, 3, List.of(failing), null);
        send(new ControlStatusEvent("COM-05", ControlStatus.PASS, t1, 3, List.of(), null));
        send(failed);
        send(new ControlStatusEvent("COM-05", ControlStatus.PASS, t3, 3, List.of(), null));

        await().atMost(WAIT).untilAsserted(() -> assertThat(history("COM-05", t1, end).getList("intervals"))
                .hasSize(3));
        JsonPath h = history("COM-05", t1, end);
        assertThat(h.getList("intervals.status")).containsExactly("PASS", "FAIL", "PASS");
        assertThat(h.getList("intervals.from")).containsExactly(t1.toString(), t2.toString(), t3.toString());
        assertThat(h.getList("intervals.to")).containsExactly(t2.toString(), t3.toString(), end.toString());
        assertThat(h.getList("intervals.durationSeconds", Double.class)).containsExactly(1.0, 1.0, 0.5);
        assertThat(h.getList("intervals.ongoing")).containsExactly(false, false, true);
        assertThat(h.getString("intervals[1].failingResources[0].resourceKey"))
                .isEqualTo("aws:111122223333:firewall:edge");
        assertThat(h.getString("intervals[1].failingResources[0].reason"))
                .isEqualTo("firewall rules not reviewed this quarter");

        // The same FAIL again, as a redelivery or replay would bring it: consumed, and nothing changes.
        String before = history("COM-05", t1, end).prettify();
        double duplicatesBefore = historyEvents("duplicate");
        send(failed);
        await().atMost(WAIT).until(() -> historyEvents("duplicate") >= duplicatesBefore + 1);
        assertThat(history("COM-05", t1, end).prettify()).isEqualTo(before);

        // A late evaluation between t1 and t2 splits the first PASS; the latest status stays the PASS at t3.
        Instant late = t1.plusMillis(500);
        send(new ControlStatusEvent("COM-05", ControlStatus.NOT_EVALUATED, late, 0, List.of(),
                "collector aws lacks network-firewall:DescribeRuleGroup"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(history("COM-05", t1, end).getList("intervals"))
                .hasSize(4));
        JsonPath split = history("COM-05", t1, end);
        assertThat(split.getList("intervals.status")).containsExactly("PASS", "NOT_EVALUATED", "FAIL", "PASS");
        assertThat(split.getList("intervals.to")).containsExactly(late.toString(), t2.toString(), t3.toString(),
                end.toString());
        when().get("/api/controls/COM-05").then()
                .body("status", equalTo("PASS"))
                .body("evaluatedAt", equalTo(t3.toString()));

        // Over [t1, t3 + 0.5 s): PASS 0.5 + 0.5 = 1 s of 2.5 s = 0.4; one exception of 1 s; one gap of 0.5 s.
        JsonPath period = given().queryParam("from", t1.toString()).queryParam("to", end.toString())
                .when().get("/api/controls/COM-05/period").then().statusCode(200).extract().jsonPath().using(DOUBLES);
        assertThat(period.getDouble("periodSeconds")).isEqualTo(2.5);
        assertThat(period.getDouble("passShare")).isEqualTo(0.4);
        assertThat(period.getList("exceptions.durationSeconds", Double.class)).containsExactly(1.0);
        assertThat(period.getString("exceptions[0].failingResources[0].resourceKey"))
                .isEqualTo("aws:111122223333:firewall:edge");
        assertThat(period.getList("gaps.status")).containsExactly("NOT_EVALUATED");
        assertThat(period.getString("gaps[0].reason")).contains("network-firewall:DescribeRuleGroup");
    }

    @Test
    void aCommitmentWhoseControlFailsIsUnbacked() {
        Instant at = now();
        send(new ControlStatusEvent("IR-02", ControlStatus.FAIL, at, 1, List.of(), null));
        await().atMost(WAIT).untilAsserted(() -> when().get("/api/controls/IR-02").then()
                .body("status", equalTo("FAIL")).body("evaluatedAt", equalTo(at.toString())));

        when().get("/api/commitments").then()
                .statusCode(200)
                .body("find { it.id == 'breach-notification-72h' }.status", equalTo("UNBACKED"))
                .body("find { it.id == 'breach-notification-72h' }.reason", containsString("Failing: IR-02"))
                .body("find { it.id == 'data-subject-requests' }.status", equalTo("UNBACKED"))
                .body("find { it.id == 'data-subject-requests' }.reason", containsString("No control backs"));
        when().get("/api/commitments/breach-notification-72h").then()
                .statusCode(200)
                .body("statement", containsString("72 hours"))
                .body("category", equalTo("Security"))
                .body("controls.find { it.id == 'IR-02' }.status", equalTo("FAIL"))
                .body("controls.find { it.id == 'IR-02' }.justification", containsString("incident"));
        when().get("/api/commitments/no-such-promise").then()
                .statusCode(404)
                .contentType(ContentType.JSON)
                .body("error", containsString("no-such-promise"));

        String page = when().get("/commitments").then().statusCode(200).contentType(ContentType.HTML)
                .extract().asString();
        assertThat(page).contains("Customers are notified of a confirmed breach of their data within 72 hours.",
                "UNBACKED", "href=\"/controls/IR-02\"", "href=\"/commitments\"");
    }

    @Test
    void periodSummaryCoversEveryCatalogueControlAndBadPeriodsAreJsonErrors() {
        int controls = when().get("/api/catalogue").then().extract().path("count");

        JsonPath summary = when().get("/api/periods/summary").then().statusCode(200).extract().jsonPath();
        assertThat(summary.getInt("controlCount")).isEqualTo(controls);
        assertThat(summary.getList("controls")).hasSize(controls);
        assertThat(Duration.between(Instant.parse(summary.getString("from")), Instant.parse(summary.getString("to"))))
                .isEqualTo(Duration.ofDays(30));

        given().queryParam("from", "last tuesday").when().get("/api/periods/summary").then()
                .statusCode(400)
                .contentType(ContentType.JSON)
                .body("error", containsString("last tuesday"));
        when().get("/api/controls/XX-99/history").then()
                .statusCode(404)
                .contentType(ContentType.JSON)
                .body("error", containsString("XX-99"));
    }

    // ---- helpers ----

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static JsonPath history(String id, Instant from, Instant to) {
        return given().queryParam("from", from.toString()).queryParam("to", to.toString())
                .when().get("/api/controls/" + id + "/history").then().statusCode(200).extract().jsonPath().using(DOUBLES);
    }

    /** As the evaluator publishes: CloudEvents structured mode, announced by the content-type header. */
    private void send(ControlStatusEvent event) {
        kafka.sendEvent(TOPIC, event.controlId(), EventCodec.encode(event));
    }

    private static double historyEvents(String outcome) {
        String metrics = TestUsers.as(TestUsers.ADMIN).get("/q/metrics") // admin or a service credential
                .then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^vigil_report_history_events_total\\{[^}]*outcome=\"" + outcome
                + "\"[^}]*} (\\S+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
