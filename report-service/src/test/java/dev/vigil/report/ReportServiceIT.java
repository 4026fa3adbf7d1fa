package dev.vigil.report;

import dev.vigil.common.evidence.ControlStatus;
import dev.vigil.common.evidence.ControlStatusEvent;
import dev.vigil.common.evidence.EventCodec;
import dev.vigil.common.evidence.FailingResource;
import dev.vigil.common.evidence.Provenance;
import dev.vigil.common.evidence.Topics;
import dev.vigil.common.signing.Ed25519Keys;
import dev.vigil.common.signing.EventSigner;
import dev.vigil.stack.testing.KafkaTestClient;
import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.PostgresTestResource;
import dev.vigil.stack.testing.TestEventKeys;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * The whole service against a real Kafka broker and a real PostgreSQL: events go in through the topic with a
 * plain producer, and come out through the JSON API and the dashboard. Each test uses its own controls, and
 * times from "now", so the tests also hold against servers that already carry data.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class ReportServiceIT {

    @org.junit.jupiter.api.BeforeEach
    void signIn() {
        dev.vigil.report.TestUsers.signInAs(dev.vigil.report.TestUsers.ENGINEER);
    }
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TOPIC = Topics.CONTROL_STATUS;

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
    void projectedStatusIsServedByTheApi() {
        Instant at = now();
        FailingResource failing = new FailingResource("github:acme/api", "github.repository",
                "github.default-branch-protected", "default branch main is not protected", "ev-cm11-1",
                at.minusSeconds(30), new Provenance("GET /repos/{owner}/{repo}/branches/{branch}/protection",
                Map.of("owner", "acme"), "\"etag-1\"", "a".repeat(64), "github", "0.1.0"));
        send(new ControlStatusEvent("CM-11", ControlStatus.FAIL, at, 4, List.of(failing), null));

        awaitStatus("CM-11", ControlStatus.FAIL, at);

        given().queryParam("status", "FAIL").when().get("/api/controls").then()
                .statusCode(200)
                .body("id", hasItem("CM-11"))
                .body("status", everyItem(equalTo("FAIL")))
                .body("find { it.id == 'CM-11' }.resourcesInScope", equalTo(4))
                .body("find { it.id == 'CM-11' }.failingResourceCount", equalTo(1))
                .body("find { it.id == 'CM-11' }.categoryName", equalTo("Change Management"))
                .body("find { it.id == 'CM-11' }.primaryTsc", equalTo("Security"));
        when().get("/api/controls/CM-11").then()
                .statusCode(200)
                .body("rules.id", hasItem("github.default-branch-protected"))
                .body("rules[0].justification", containsString("protected"))
                .body("failingResources", hasSize(1))
                .body("failingResources[0].resourceKey", equalTo("github:acme/api"))
                .body("failingResources[0].reason", equalTo("default branch main is not protected"))
                .body("failingResources[0].provenance.responseSha256", equalTo("a".repeat(64)))
                .body("failingResources[0].provenance.collector", equalTo("github"));
    }

    @Test
    void listFollowsTheCatalogueAndShowsUnreportedControlsAsNoEvidence() {
        when().get("/api/controls").then()
                .statusCode(200)
                .body("", hasSize(58))
                .body("[0].id", equalTo("CM-01"))
                .body("find { it.id == 'TPM-04' }.status", equalTo("NO_EVIDENCE"))
                .body("find { it.id == 'TPM-04' }.evaluatedAt", nullValue())
                .body("find { it.id == 'TPM-04' }", hasKey("resourcesInScope"))
                .body("find { it.id == 'TPM-04' }.resourcesInScope", nullValue());
        given().queryParam("category", "TPM").when().get("/api/controls").then()
                .body("category", everyItem(equalTo("TPM")))
                .body("", hasSize(4));
        when().get("/api/catalogue").then()
                .statusCode(200)
                .body("count", equalTo(58))
                .body("version", equalTo("2026.11.1"));
    }

    @Test
    void replayedOrOlderEventChangesNothing() {
        Instant newer = now();
        ControlStatusEvent current = new ControlStatusEvent("CM-12", ControlStatus.PASS, newer, 2, List.of(), null);
        send(current);
        awaitStatus("CM-12", ControlStatus.PASS, newer);
        double staleBefore = staleEvents();

        send(new ControlStatusEvent("CM-12", ControlStatus.FAIL, newer.minusSeconds(3600), 2, List.of(),
                "an hour-old evaluation arriving late"));
        send(current);

        // Both records are consumed and judged stale; only then is "nothing changed" meaningful.
        await().atMost(WAIT).until(() -> staleEvents() >= staleBefore + 2);
        when().get("/api/controls/CM-12").then()
                .body("status", equalTo("PASS"))
                .body("evaluatedAt", equalTo(newer.toString()))
                .body("reason", nullValue());
    }

    @Test
    void aStatusOfALowerVersionIsDroppedAndCountedWhateverItsTimeAndOneWithoutAVersionIsOrderedByTime() {
        Instant t = now();
        send(new ControlStatusEvent("CM-18", ControlStatus.FAIL, t, 2, List.of(), null).withVersion(1));
        awaitStatus("CM-18", ControlStatus.FAIL, t);
        send(new ControlStatusEvent("CM-18", ControlStatus.PASS, t.plusSeconds(2), 2, List.of(), null).withVersion(3));
        awaitStatus("CM-18", ControlStatus.PASS, t.plusSeconds(2));
        double byVersion = staleEvents("version");
        double byTime = staleEvents("evaluated_at");

        // Version 2 was evaluated later (another instance's clock ahead) but published before version 3: stale.
        send(new ControlStatusEvent("CM-18", ControlStatus.FAIL, t.plusSeconds(5), 2, List.of(),
                "a crossing publication").withVersion(2));
        // Without a version, evaluation time decides, as before versions existed.
        send(new ControlStatusEvent("CM-18", ControlStatus.FAIL, t.plusSeconds(1), 2, List.of(), "older, unversioned"));

        await().atMost(WAIT).until(() -> staleEvents("version") >= byVersion + 1
                && staleEvents("evaluated_at") >= byTime + 1);
        when().get("/api/controls/CM-18").then()
                .body("status", equalTo("PASS"))
                .body("evaluatedAt", equalTo(t.plusSeconds(2).toString()));

        // An event without a version, newer by time, still applies.
        send(new ControlStatusEvent("CM-18", ControlStatus.FAIL, t.plusSeconds(10), 2, List.of(), "unversioned"));
        awaitStatus("CM-18", ControlStatus.FAIL, t.plusSeconds(10));
    }

    @Test
    void dashboardShowsEveryControlAndItsDetail() {
        Instant at = now();
        send(new ControlStatusEvent("LS-26", ControlStatus.NOT_EVALUATED, at, 0, List.of(),
                "collector okta lacks permission okta.users.read"));
        awaitStatus("LS-26", ControlStatus.NOT_EVALUATED, at);

        String page = when().get("/").then().statusCode(200).contentType(ContentType.HTML).extract().asString();
        assertThat(page).contains("CM-01", "LS-26", "TPM-04", "SOC2-S1-SECURITY-COMMITMENTS",
                "href=\"/controls/LS-26\"", "/static/vigil.css", "/static/refresh.js");

        String detail = when().get("/controls/LS-26").then().statusCode(200).extract().asString();
        assertThat(detail).contains("LS-26", "NOT_EVALUATED", "collector okta lacks permission okta.users.read");

        when().get("/static/vigil.css").then().statusCode(200);
        when().get("/controls/XX-99").then().statusCode(404).body(containsString("XX-99"));
    }

    @Test
    void malformedRecordGoesToTheDeadLetterTopicAndLaterRecordsAreApplied() {
        String marker = UUID.randomUUID().toString();
        try (KafkaTestClient.Tail dlq = kafka.tailFromNow(Topics.deadLetter(TOPIC))) {
            kafka.send(TOPIC, "LS-01", "{not json " + marker);
            Instant at = now();
            send(new ControlStatusEvent("LS-01", ControlStatus.PASS, at, 7, List.of(), null));

            ConsumerRecord<String, String> dead = awaitDeadLetter(dlq, marker);
            Header reason = dead.headers().lastHeader("dead-letter-reason");
            assertThat(reason).isNotNull();
            assertThat(new String(reason.value(), StandardCharsets.UTF_8)).contains("not JSON");
            awaitStatus("LS-01", ControlStatus.PASS, at);
        }
    }

    @Test
    void unsignedForgedAndFarFutureStatusEventsAreDeadLetteredAndTheProjectionDoesNotChange() {
        Instant at = now();
        send(new ControlStatusEvent("BDR-05", ControlStatus.PASS, at, 2, List.of(), null));
        awaitStatus("BDR-05", ControlStatus.PASS, at);

        String marker = UUID.randomUUID().toString();
        // Each would make BDR-05 fail if it were believed; the far-future one would pin it, every later event older.
        String unsigned = EventCodec.encode(new ControlStatusEvent("BDR-05", ControlStatus.NOT_EVALUATED,
                at.plusMillis(100), 2, List.of(), "unsigned " + marker));
        String forged = EventCodec.encode(new ControlStatusEvent("BDR-05", ControlStatus.NOT_EVALUATED,
                at.plusMillis(200), 2, List.of(), "forged " + marker));
        Instant nextMonth = Instant.now().plus(Duration.ofDays(30));
        String future = EventCodec.encode(new ControlStatusEvent("BDR-05", ControlStatus.NOT_EVALUATED, nextMonth, 2,
                List.of(), "future " + marker));
        EventSigner forger = new EventSigner(Ed25519Keys.generate().getPrivate(), TestEventKeys.KEY_ID);
        try (KafkaTestClient.Tail dlq = kafka.tailFromNow(Topics.deadLetter(TOPIC))) {
            kafka.sendUnsigned(TOPIC, "BDR-05", unsigned);
            kafka.sendSignedBy(forger, TOPIC, "BDR-05", forged);
            kafka.sendEvent(TOPIC, "BDR-05", future); // signed by the trusted key, but a month ahead
            Instant later = at.plusSeconds(1);
            send(new ControlStatusEvent("BDR-05", ControlStatus.PASS, later, 3, List.of(), null));

            assertThat(reason(awaitDeadLetter(dlq, "unsigned " + marker))).startsWith("UNSIGNED");
            assertThat(reason(awaitDeadLetter(dlq, "forged " + marker))).startsWith("BAD_SIGNATURE(vigil-test)");
            assertThat(reason(awaitDeadLetter(dlq, "future " + marker))).startsWith("FUTURE_TIME")
                    .contains("vigil.events.max-clock-skew");
            // the record after them (same partition) is applied: nothing of theirs was projected or pinned
            awaitStatus("BDR-05", ControlStatus.PASS, later);
            when().get("/api/controls/BDR-05").then().body("resourcesInScope", equalTo(3));
        }
        // metrics are for operators: admin or a service credential
        assertThat(given().auth().preemptive().basic(TestUsers.ADMIN, TestUsers.password(TestUsers.ADMIN))
                .get("/q/metrics").then().statusCode(200).extract().asString())
                .containsPattern("vigil_report_status_events_total\\{[^}]*outcome=\"rejected\"");
    }

    private static String reason(ConsumerRecord<String, String> dead) {
        return new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
    }

    @Test
    void eventForAControlOutsideTheCatalogueIsDeadLettered() {
        String id = "XX-" + UUID.randomUUID();
        try (KafkaTestClient.Tail dlq = kafka.tailFromNow(Topics.deadLetter(TOPIC))) {
            send(new ControlStatusEvent(id, ControlStatus.PASS, now(), 1, List.of(), null));

            ConsumerRecord<String, String> dead = awaitDeadLetter(dlq, id);
            assertThat(new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                    .contains(id, "not in catalogue");
        }
        when().get("/api/controls").then().body("id", not(hasItem(id)));
    }

    @Test
    void apiErrorsAreJson() {
        when().get("/api/controls/XX-99").then()
                .statusCode(404)
                .contentType(ContentType.JSON)
                .body("error", containsString("XX-99"));
        given().queryParam("status", "GREEN").when().get("/api/controls").then()
                .statusCode(400)
                .contentType(ContentType.JSON)
                .body("error", containsString("GREEN"));
    }

    @Test
    void operationalEndpointsAnswer() {
        when().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
        when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'evidence store' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'evidence store' }.data.location", containsString("evidence"));
        when().get("/q/openapi").then().statusCode(200).body(containsString("/api/controls/{id}"));
        TestUsers.as(TestUsers.ADMIN).get("/q/metrics") // admin or a service credential
                .then().statusCode(200).body(containsString("vigil_report_status_events_total"));
    }

    // ---- helpers ----

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** As the evaluator publishes: CloudEvents structured mode, announced by the content-type header. */
    private void send(ControlStatusEvent event) {
        kafka.sendEvent(TOPIC, event.controlId(), EventCodec.encode(event));
    }

    private static void awaitStatus(String id, ControlStatus status, Instant evaluatedAt) {
        await().atMost(WAIT).untilAsserted(() -> when().get("/api/controls/" + id).then()
                .statusCode(200)
                .body("status", equalTo(status.name()))
                .body("evaluatedAt", equalTo(evaluatedAt.toString())));
    }

    private static double staleEvents() {
        String metrics = TestUsers.as(TestUsers.ADMIN).get("/q/metrics") // admin or a service credential
                .then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^vigil_report_status_events_total\\{[^}]*outcome=\"stale\"[^}]*} (\\S+)$")
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** Events dropped as stale, by what ordered them: {@code version} or {@code evaluated_at}. */
    private static double staleEvents(String orderedBy) {
        String metrics = TestUsers.as(TestUsers.ADMIN).get("/q/metrics")
                .then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^vigil_report_status_stale_total\\{[^}]*ordered_by=\"" + orderedBy
                + "\"[^}]*} (\\S+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static ConsumerRecord<String, String> awaitDeadLetter(KafkaTestClient.Tail dlq, String marker) {
        return dlq.awaitAny(r -> r.value() != null && r.value().contains(marker), WAIT).stream()
                .filter(r -> r.value() != null && r.value().contains(marker)).findFirst().orElseThrow();
    }
}
