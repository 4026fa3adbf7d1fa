package dev.vigil.report.register;

import dev.vigil.common.evidence.EventCodec;
import dev.vigil.common.evidence.EvidenceEvent;
import dev.vigil.common.evidence.Topics;
import dev.vigil.common.store.EvidenceStore;
import dev.vigil.report.TestUsers;
import dev.vigil.stack.Database;
import dev.vigil.stack.testing.KafkaTestClient;
import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.PostgresTestResource;
import dev.vigil.stack.testing.TestEventKeys;
import dev.vigil.stack.testing.TestServers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/**
 * The registers through HTTP, against a real Kafka broker and a real PostgreSQL: an item recorded is a signed evidence
 * event on the evidence topic, citing its version's document in the evidence store; every version is kept with who
 * recorded it and when, and that history cannot be rewritten; CSV goes in all or nothing and comes out as it went in.
 * Item ids carry a random suffix, so the tests hold against servers that already carry data.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class RegistersIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TODAY = LocalDate.now(ZoneOffset.UTC).toString();

    @Inject
    EvidenceStore store;
    @Inject
    RegisterService registers;

    private KafkaTestClient kafka;
    private KafkaTestClient.Tail evidence;
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void tailEvidence() {
        TestUsers.signInAs(TestUsers.ENGINEER);
        kafka = KafkaTestClient.forTestBroker();
        evidence = kafka.tailFromNow(Topics.EVIDENCE);
    }

    @AfterEach
    void close() {
        evidence.close();
        kafka.close();
    }

    static Map<String, Object> vendor(String nextReview) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", "Acme Mail");
        v.put("criticality", "critical");
        v.put("dataShared", "customer e-mail addresses");
        v.put("reportType", "soc2-type2");
        v.put("reportPeriodEnd", "2026-06-30");
        v.put("nextReviewDate", nextReview);
        v.put("owner", "ops@acme.example");
        return v;
    }

    @Test
    void anOverdueVendorIsRecordedWithWhoAndWhenAndPublishedAsSignedEvidence() throws Exception {
        String id = "V-" + suffix;
        String key = "register:vendor:" + id;
        given().contentType("application/json").body(vendor("2026-01-31"))
                .put("/api/registers/vendor/items/" + id).then().statusCode(201)
                .body("version", equalTo(1)).body("changedBy", equalTo("engineer"))
                .body("resourceKey", equalTo(key)).body("fields.nextReviewDate", equalTo("2026-01-31"));

        ConsumerRecord<String, String> record = published(key);
        assertThat(TestEventKeys.verifier().verify(record.value().getBytes(StandardCharsets.UTF_8),
                record.headers().lastHeader("vigil-signature").value(),
                record.headers().lastHeader("vigil-key-id").value()).verified()).isTrue();
        EvidenceEvent event = EventCodec.decodeEvidence(record.value());
        assertThat(event.source().uri()).isEqualTo("vigil://registers/vendor");
        assertThat(event.resourceType()).isEqualTo("register.vendor");
        assertThat(event.facts()).containsEntry("itemId", id).containsEntry("name", "Acme Mail")
                .containsEntry("criticality", "critical").containsEntry("nextReviewDate", "2026-01-31")
                .containsEntry("retired", false).containsEntry("version", 1).containsEntry("changedBy", "engineer")
                .containsEntry("observedOn", TODAY).containsKey("changedAt");
        assertThat(event.provenance().operation()).isEqualTo("register:read");
        assertThat(event.provenance().collector()).isEqualTo("report-service");
        String sha = event.provenance().responseSha256();
        assertThat(new String(store.get(sha).orElseThrow(), StandardCharsets.UTF_8))
                .contains("\"changedBy\":\"engineer\"", "\"change\":\"created\"", "\"itemId\":\"" + id + "\"",
                        "\"nextReviewDate\":\"2026-01-31\"", "\"via\":\"api\"");

        // the same values again record nothing; a change by someone else is version 2, with both in the history
        given().contentType("application/json").body(vendor("2026-01-31"))
                .put("/api/registers/vendor/items/" + id).then().statusCode(200).body("version", equalTo(1));
        TestUsers.as(TestUsers.ADMIN).contentType("application/json").body(vendor("2027-01-31"))
                .put("/api/registers/vendor/items/" + id).then().statusCode(200)
                .body("version", equalTo(2)).body("changedBy", equalTo("admin"));
        given().get("/api/registers/vendor/items/" + id).then().statusCode(200)
                .body("current.version", equalTo(2))
                .body("current.fields.nextReviewDate", equalTo("2027-01-31"))
                .body("history.version", contains(1, 2))
                .body("history.change", contains("created", "updated"))
                .body("history.changedBy", contains("engineer", "admin"))
                .body("history.fields.nextReviewDate", contains("2026-01-31", "2027-01-31"));
        given().get("/api/registers/vendor").then().statusCode(200).body("itemId", hasItems(id));
        // the registers page shows the item as it stands, who recorded it, and the export
        assertThat(given().accept("text/html").get("/registers").then().statusCode(200).extract().asString())
                .contains("id=\"register-vendor\"", ">" + id + "</a>", "2027-01-31", "by admin",
                        "href=\"/api/registers/vendor/csv\"");
        assertThat(auditEntries("/api/registers/vendor/items/" + id)).isEqualTo(2);
    }

    @Test
    void everyItemIsReadAgainAsOfTodaySoTheEvaluatorJudgesItsDatesAgainstTheDay() {
        String id = "V-again-" + suffix;
        String key = "register:vendor:" + id;
        given().contentType("application/json").body(vendor("2027-01-31"))
                .put("/api/registers/vendor/items/" + id).then().statusCode(201);
        EvidenceEvent recorded = EventCodec.decodeEvidence(published(key).value());

        registers.observeEveryItem(); // what the timer does every vigil.report.registers.observe-interval
        List<EvidenceEvent> reads = evidence.awaitAny(r -> key.equals(r.key())
                        && !EventCodec.decodeEvidence(r.value()).runId().equals(recorded.runId()), WAIT).stream()
                .filter(r -> key.equals(r.key())).map(r -> EventCodec.decodeEvidence(r.value()))
                .filter(e -> !e.runId().equals(recorded.runId())).toList();
        assertThat(reads).isNotEmpty().allSatisfy(read -> {
            // the same day: the same facts, so the same evidence id, observed again later
            assertThat(read.id()).isEqualTo(recorded.id());
            assertThat(read.facts()).containsEntry("observedOn", TODAY).containsEntry("version", 1);
            assertThat(read.observedAt()).isAfterOrEqualTo(recorded.observedAt());
            assertThat(read.provenance().responseSha256()).isEqualTo(recorded.provenance().responseSha256());
        });
    }

    @Test
    void theHistoryIsAppendOnly() throws Exception {
        String id = "R-" + suffix;
        given().contentType("application/json").body(Map.of("title", "Payroll fraud", "category", "fraud",
                        "likelihood", 2, "impact", 4, "treatment", "mitigate", "owner", "cfo", "reviewedOn", "2026-01-15"))
                .put("/api/registers/risk/items/" + id).then().statusCode(201);
        try (Connection c = connect()) {
            assertThatThrownBy(() -> c.createStatement().executeUpdate("UPDATE report.register_item_history "
                    + "SET changed_by = 'someone else' WHERE item_id = '" + id + "'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> c.createStatement().executeUpdate("DELETE FROM report.register_item_history "
                    + "WHERE item_id = '" + id + "'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
        given().get("/api/registers/risk/items/" + id).then().statusCode(200)
                .body("history.changedBy", contains("engineer"));
    }

    @Test
    void csvImportIsAllOrNothingAndTheExportImportsBackUnchanged() {
        String a = "INC-A-" + suffix;
        String b = "INC-B-" + suffix;
        String bad = "itemId,title,severity,openedOn,closedOn,rootCause\r\n"
                + a + ",Leaked key,high,2026-11-01,2026-11-02,key in a log line\r\n"
                + b + ",Outage,catastrophic,2026-11-03,,\r\n";
        given().contentType("text/csv").body(bad).post("/api/registers/incident/csv").then().statusCode(400)
                .body("error", containsString("line 3: severity 'catastrophic' is not one of"));
        given().get("/api/registers/incident/items/" + a).then().statusCode(404);

        String good = bad.replace("catastrophic", "medium");
        given().contentType("text/csv").body(good).post("/api/registers/incident/csv").then().statusCode(200)
                .body("rows", equalTo(2)).body("changed", equalTo(2));
        published("register:incident:" + a);
        given().get("/api/registers/incident/items/" + b).then().statusCode(200)
                .body("history.via", contains("csv")).body("current.fields.severity", equalTo("medium"));

        String export = given().get("/api/registers/incident/csv").then().statusCode(200)
                .contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("incident-register.csv"))
                .extract().asString();
        assertThat(export).startsWith("itemId,title,severity,openedOn,closedOn,timeline,rootCause,"
                + "disclosureEvaluation,reviewedOn,retired\r\n")
                .contains(a + ",Leaked key,high,2026-11-01,2026-11-02,,key in a log line,,,false\r\n");
        given().contentType("text/csv").body(export).post("/api/registers/incident/csv").then().statusCode(200)
                .body("changed", equalTo(0));
    }

    @Test
    void unknownRegistersAndInvalidItemsAreRefusedWithReasons() {
        given().get("/api/registers/suppliers").then().statusCode(404)
                .body("error", containsString("unknown register 'suppliers'"));
        given().contentType("application/json").body(Map.of("name", "x"))
                .put("/api/registers/vendor/items/V-x" + suffix).then().statusCode(400)
                .body("error", containsString("criticality is required"));
        given().get("/api/registers/vendor/items/V-none-" + suffix).then().statusCode(404);
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/registers/{register}/csv'.post.summary", containsString("Import items from CSV"));
    }

    private static long auditEntries(String target) throws SQLException {
        try (Connection c = connect(); var rs = c.createStatement().executeQuery(
                "SELECT count(*) FROM report.audit_log WHERE action = 'REGISTER_ITEM_RECORDED' AND target = '"
                        + target + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Connection connect() throws SQLException {
        Database db = TestServers.postgres();
        return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
    }

    private ConsumerRecord<String, String> published(String key) {
        List<ConsumerRecord<String, String>> records = evidence.awaitAny(r -> key.equals(r.key()), WAIT);
        return records.stream().filter(r -> key.equals(r.key())).findFirst().orElseThrow();
    }
}
