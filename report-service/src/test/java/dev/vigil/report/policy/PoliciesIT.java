package dev.vigil.report.policy;

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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * Policies through HTTP, against a real Kafka broker and a real PostgreSQL (the evaluator's people API stood in for):
 * a policy approved by its owner is signed evidence for the control it backs, naming every active person and whether
 * they acknowledged; a person acknowledges themself, an HR export is imported as CSV all or nothing, and the records
 * cannot be rewritten. Policy ids carry a random suffix, so the tests hold against servers that already carry data.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(PeopleStandIn.class)
class PoliciesIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TODAY = LocalDate.now(ZoneOffset.UTC).toString();

    @Inject
    EvidenceStore store;
    @Inject
    PolicyService policies;

    private KafkaTestClient kafka;
    private KafkaTestClient.Tail evidence;
    private final String id = "change-management-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void tailEvidence() {
        TestUsers.signInAs(TestUsers.ENGINEER);
        PeopleStandIn.down = false;
        PeopleStandIn.people = "[{\"email\":\"engineer\",\"firstSeenAt\":\"2025-01-01T00:00:00Z\"},"
                + "{\"email\":\"Dana@acme.example\",\"firstSeenAt\":\"2025-02-01T00:00:00Z\"}]";
        kafka = KafkaTestClient.forTestBroker();
        evidence = kafka.tailFromNow(Topics.EVIDENCE);
    }

    @AfterEach
    void close() {
        evidence.close();
        kafka.close();
    }

    private void recordApprovedPolicy() {
        given().contentType("application/json").body(Map.of("title", "Change management policy", "owner", "admin",
                "controls", List.of("CM-13"))).put("/api/policies/" + id).then().statusCode(201)
                .body("revision", equalTo(1)).body("changedBy", equalTo("engineer"));
        given().contentType("application/json").body(Map.of("text", "Every change is reviewed and approved.",
                        "effectiveDate", "2026-11-01"))
                .post("/api/policies/" + id + "/versions").then().statusCode(201).body("version", equalTo(1))
                .body("approvedBy", nullValue());
        TestUsers.as(TestUsers.ADMIN).post("/api/policies/" + id + "/versions/1/approval").then().statusCode(200)
                .body("approvedBy", equalTo("admin"));
    }

    @Test
    void anApprovedPolicyIsSignedEvidenceNamingWhoAcknowledgedAndWhoHasNot() throws Exception {
        given().contentType("application/json").body(Map.of("title", "Change management policy", "owner", "admin",
                "controls", List.of("CM-13"))).put("/api/policies/" + id).then().statusCode(201);
        EvidenceEvent unapproved = latest("policy:" + id + ":CM-13", e -> true);
        assertThat(unapproved.facts()).containsEntry("version", null).containsEntry("controls", List.of("CM-13"));

        given().contentType("application/json").body(Map.of("text", "Every change is reviewed. token ghp_"
                        + "C4naryT0kenVigilSandbox0000000000001", "effectiveDate", "2026-11-01"))
                .post("/api/policies/" + id + "/versions").then().statusCode(201).body("version", equalTo(1));
        // only the owner approves
        given().post("/api/policies/" + id + "/versions/1/approval").then().statusCode(403)
                .body("error", equalTo("only the policy's owner, admin, approves its versions; you are signed in as"
                        + " engineer"));
        TestUsers.as(TestUsers.ADMIN).post("/api/policies/" + id + "/versions/1/approval").then().statusCode(200);

        ConsumerRecord<String, String> record = published("policy:" + id + ":CM-13",
                e -> Integer.valueOf(1).equals(e.facts().get("version")));
        assertThat(TestEventKeys.verifier().verify(record.value().getBytes(StandardCharsets.UTF_8),
                record.headers().lastHeader("vigil-signature").value(),
                record.headers().lastHeader("vigil-key-id").value()).verified()).isTrue();
        EvidenceEvent event = EventCodec.decodeEvidence(record.value());
        assertThat(event.resourceType()).isEqualTo("policy.cm-13");
        assertThat(event.facts()).containsEntry("policyId", id).containsEntry("approvedBy", "admin")
                .containsEntry("effectiveDate", "2026-11-01").containsEntry("acknowledgementDays", 30)
                .containsEntry("observedOn", TODAY)
                .containsEntry("people", List.of(
                        Map.of("email", "dana@acme.example", "activeSince", "2025-02-01", "acknowledgedOn", "null"),
                        Map.of("email", "engineer", "activeSince", "2025-01-01", "acknowledgedOn", "null"))
                        .stream().map(PoliciesIT::nulls).toList());
        // the version's text is in the evidence store, redacted, and cited; so is the observation itself
        String document = event.provenance().supporting().get(0).responseSha256();
        // the approved version is the policy document CM-13 requires: nobody uploads it a second time
        EvidenceEvent asDocument = latest("manual:CM-13:change-management-policy:" + document, e -> true);
        assertThat(asDocument.resourceType()).isEqualTo("manual.document");
        assertThat(asDocument.facts()).containsEntry("controlId", "CM-13")
                .containsEntry("documentType", "change-management-policy").containsEntry("effectiveDate", "2026-11-01")
                .containsEntry("approver", "admin").containsEntry("uploadedBy", "engineer")
                .containsEntry("fileName", id + "-v1.txt").containsEntry("mediaType", "text/plain")
                .containsEntry("sha256", document);
        assertThat(new String(store.get(document).orElseThrow(), StandardCharsets.UTF_8))
                .isEqualTo("Every change is reviewed. token [REDACTED]");
        assertThat(new String(store.get(event.provenance().responseSha256()).orElseThrow(), StandardCharsets.UTF_8))
                .contains("\"policyId\":\"" + id + "\"", "\"email\":\"dana@acme.example\"");

        // the signed-in person acknowledges themself; once is enough
        given().redirects().follow(false).formParam("from", "page").post("/policies/" + id + "/acknowledge").then()
                .statusCode(303).header("Location", containsString("/policies#policy-" + id));
        given().post("/api/policies/" + id + "/acknowledgement").then().statusCode(200)
                .body("person", equalTo("engineer")).body("via", equalTo("self")).body("version", equalTo(1));
        EvidenceEvent acknowledged = latest("policy:" + id + ":CM-13",
                e -> TODAY.equals(person(e, "engineer").get("acknowledgedOn")));
        assertThat(person(acknowledged, "dana@acme.example").get("acknowledgedOn")).isNull();

        given().get("/api/policies/" + id).then().statusCode(200).body("currentVersion", equalTo(1))
                .body("people.email", contains("dana@acme.example", "engineer"))
                .body("people.dueOn", contains("2026-12-01", "2026-12-01"))
                .body("acknowledgements.person", contains("engineer"));
        assertThat(given().accept("text/html").get("/policies").then().statusCode(200).extract().asString())
                .contains("id=\"policy-" + id + "\"", "Change management policy", "You (engineer) acknowledged"
                        + " version 1", "dana@acme.example");
        assertThat(auditActions("/api/policies/" + id + "%")).containsExactly("POLICY_RECORDED",
                "POLICY_VERSION_RECORDED", "POLICY_VERSION_APPROVED", "POLICY_ACKNOWLEDGED");
    }

    @Test
    void acknowledgementsImportFromCsvAllOrNothingAndTheExportImportsBackUnchanged() {
        recordApprovedPolicy();
        String bad = "policyId,person,acknowledgedAt\r\n" + id + ",dana@acme.example,2026-11-03\r\n"
                + "no-such-policy-" + id + ",ann@acme.example,2099-01-01\r\n";
        given().contentType("text/csv").body(bad).post("/api/policies/acknowledgements/csv").then().statusCode(400)
                .body("error", equalTo("line 3: no policy 'no-such-policy-" + id + "'; line 3: acknowledgedAt"
                        + " 2099-01-01 is in the future"));
        given().get("/api/policies/" + id).then().body("acknowledgements", org.hamcrest.Matchers.empty());

        String good = "policyId,person,acknowledgedAt\r\n" + id + ",Dana@acme.example,2026-11-03\r\n";
        given().contentType("text/csv").body(good).post("/api/policies/acknowledgements/csv").then().statusCode(200)
                .body("rows", equalTo(1)).body("recorded", equalTo(1)).body("policies", contains(id));
        latest("policy:" + id + ":CM-13", e -> e.facts().toString().contains("acknowledgedOn=2026-11-03"));
        given().get("/api/policies/" + id).then().body("acknowledgements.via", contains("csv"))
                .body("acknowledgements.recordedBy", contains("engineer"));

        String export = given().get("/api/policies/acknowledgements/csv").then().statusCode(200)
                .header("Content-Disposition", containsString("policy-acknowledgements.csv")).extract().asString();
        assertThat(export).startsWith("policyId,version,person,acknowledgedAt,via,recordedBy,recordedAt\r\n")
                .contains(id + ",1,dana@acme.example,2026-11-03T00:00:00Z,csv,engineer,");
        given().contentType("text/csv").body(export).post("/api/policies/acknowledgements/csv").then().statusCode(200)
                .body("recorded", equalTo(0));
    }

    @Test
    void theTimerPublishesNothingWhileThePeopleCannotBeReadAndTriesAgainSoon() {
        recordApprovedPolicy();
        String key = "policy:" + id + ":CM-13";
        latest(key, e -> e.facts().get("people") != null);
        long before = evidence.drain(java.time.Duration.ofSeconds(1)).stream().filter(r -> r.key().equals(key)).count();
        PeopleStandIn.down = true; // the evaluator restarting: nothing changed that Vigil knows of
        policies.observeEveryPolicy();
        policies.observeAgainIfPeopleWereUnreadable();
        assertThat(evidence.drain(java.time.Duration.ofSeconds(2)).stream().filter(r -> r.key().equals(key)).count())
                .as("evidence published while the people were unreadable").isEqualTo(before);
        PeopleStandIn.down = false;
        policies.observeAgainIfPeopleWereUnreadable(); // the retry, a minute later
        List<EvidenceEvent> after = evidence.awaitAny(r -> r.key().equals(key)
                        && evidence.seen().stream().filter(x -> x.key().equals(key)).count() > before, WAIT)
                .stream().filter(r -> r.key().equals(key)).map(r -> EventCodec.decodeEvidence(r.value())).toList();
        assertThat(after.get(after.size() - 1).facts()).containsEntry("peopleUnavailable", null)
                .containsEntry("version", 1);
        assertThat(after.get(after.size() - 1).facts().get("people")).isNotNull();
    }

    @Test
    void peopleThatCannotBeReadAreSaidSoAndTheRecordsCannotBeRewritten() throws Exception {
        PeopleStandIn.down = true;
        recordApprovedPolicy();
        EvidenceEvent event = latest("policy:" + id + ":CM-13", e -> Integer.valueOf(1).equals(e.facts().get("version")));
        assertThat(event.facts()).containsEntry("people", null)
                .containsEntry("peopleUnavailable", "the control-evaluator's active people could not be read");
        try (Connection c = connect()) {
            for (String table : List.of("policy_history", "policy_version", "policy_approval")) {
                assertThatThrownBy(() -> c.createStatement().executeUpdate("UPDATE report." + table
                        + " SET policy_id = policy_id WHERE policy_id = '" + id + "'"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
                assertThatThrownBy(() -> c.createStatement().executeUpdate("DELETE FROM report." + table
                        + " WHERE policy_id = '" + id + "'"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            }
        }
    }

    @Test
    void badRequestsAreRefusedWithReasons() {
        given().contentType("application/json").body(Map.of("title", "x", "owner", "admin", "controls",
                List.of("LS-01"))).put("/api/policies/" + id).then().statusCode(400)
                .body("error", equalTo("control 'LS-01' cannot be backed by a policy; these can: CM-13, DS-01, DS-06"));
        given().get("/api/policies/" + id).then().statusCode(404);
        given().post("/api/policies/" + id + "/acknowledgement").then().statusCode(404);
        given().contentType("application/json").body(Map.of("title", "Change management policy", "owner", "admin",
                "controls", List.of("CM-13"))).put("/api/policies/" + id).then().statusCode(201);
        given().post("/api/policies/" + id + "/acknowledgement").then().statusCode(409)
                .body("error", equalTo("policy " + id + " has no approved version to acknowledge"));
        // the page's button says the same, on the page
        given().redirects().follow(false).formParam("from", "page").post("/policies/" + id + "/acknowledge").then()
                .statusCode(409).contentType(containsString("text/html"))
                .body(containsString("policy " + id + " has no approved version to acknowledge"));
        given().contentType("application/json").body(Map.of("documentSha256", "0".repeat(64), "effectiveDate",
                "2026-11-01")).post("/api/policies/" + id + "/versions").then().statusCode(400)
                .body("error", containsString("no document " + "0".repeat(64) + " in the evidence store"));
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/policies/{policyId}/acknowledgement'.post.summary",
                        containsString("The signed-in person acknowledges the current version"));
    }

    private static Map<?, ?> person(EvidenceEvent e, String email) {
        return ((List<?>) e.facts().get("people")).stream().map(p -> (Map<?, ?>) p)
                .filter(p -> email.equals(p.get("email"))).findFirst().orElseThrow();
    }

    private static Map<String, Object> nulls(Map<String, String> person) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        person.forEach((k, v) -> m.put(k, "null".equals(v) ? null : v));
        return m;
    }

    private static List<String> auditActions(String targetLike) throws SQLException {
        try (Connection c = connect(); var q = c.prepareStatement(
                "SELECT action FROM report.audit_log WHERE target LIKE ? ORDER BY entry_id")) {
            q.setString(1, targetLike);
            try (var rs = q.executeQuery()) {
                List<String> actions = new java.util.ArrayList<>();
                while (rs.next()) {
                    actions.add(rs.getString(1));
                }
                return actions;
            }
        }
    }

    private static Connection connect() throws SQLException {
        Database db = TestServers.postgres();
        return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
    }

    private ConsumerRecord<String, String> published(String key, Predicate<EvidenceEvent> match) {
        Predicate<ConsumerRecord<String, String>> wanted = r -> key.equals(r.key())
                && match.test(EventCodec.decodeEvidence(r.value()));
        return evidence.awaitAny(wanted, WAIT).stream().filter(wanted).reduce((a, b) -> b).orElseThrow();
    }

    private EvidenceEvent latest(String key, Predicate<EvidenceEvent> match) {
        return EventCodec.decodeEvidence(published(key, match).value());
    }
}
