package dev.vigil.report.review;

import dev.vigil.common.evidence.EventCodec;
import dev.vigil.common.evidence.EvidenceEvent;
import dev.vigil.common.evidence.Topics;
import dev.vigil.common.store.EvidenceStore;
import dev.vigil.report.TestUsers;
import dev.vigil.stack.Database;
import dev.vigil.stack.testing.KafkaTestClient;
import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.PostgresTestResource;
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

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * A campaign end to end against a real Kafka broker and a real PostgreSQL, the evaluator's accounts played by
 * {@link AccountsStandIn}: generated from the collected accounts, decided by each item's reviewer, a revoke confirmed
 * only once a later collection no longer shows the access, then completed, published as signed evidence citing its
 * document and as CM-01's review document, with every decision and who took it; the decisions cannot be rewritten.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(AccountsStandIn.class)
class ReviewsIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TODAY = LocalDate.now(ZoneOffset.UTC).toString();

    static final CollectedAccount ALICE = account("github.member", "github:acme:member:alice",
            Map.of("login", "alice", "role", "admin", "email", "alice@acme.example"));
    static final CollectedAccount OKTA_ALICE = account("okta.user", "okta:acme:user:1",
            Map.of("login", "alice@acme.example", "email", "alice@acme.example", "status", "ACTIVE",
                    "adminRoles", List.of()));

    @Inject
    EvidenceStore store;

    private KafkaTestClient kafka;
    private KafkaTestClient.Tail evidence;

    static CollectedAccount account(String type, String key, Map<String, Object> facts) {
        return new CollectedAccount(type, "vigil://github/acme", key, "sha256:" + "0".repeat(63) + key.length() % 10,
                facts);
    }

    static CollectedAccount payments(boolean withEve) {
        return account("github.repository_access", "github:acme/payments:access", Map.of("repository", "acme/payments",
                "outsideCollaborators", withEve ? List.of(Map.of("login", "eve", "role", "write", "admin", false))
                        : List.of(),
                "directCollaborators", List.of(Map.of("login", "dan", "role", "admin", "admin", true)),
                "teams", List.of()));
    }

    @BeforeEach
    void tailEvidence() throws SQLException {
        TestUsers.signInAs(TestUsers.ENGINEER);
        // Servers may carry an earlier run's campaign still open, which would refuse a new one of its control: moved
        // into the past, it is overdue and refuses nothing.
        try (Connection c = connect()) {
            c.createStatement().executeUpdate("UPDATE report.review_campaign SET opened_on = opened_on - 400, "
                    + "due_on = due_on - 400 WHERE completed_on IS NULL");
        }
        kafka = KafkaTestClient.forTestBroker();
        evidence = kafka.tailFromNow(Topics.EVIDENCE);
    }

    @AfterEach
    void close() {
        evidence.close();
        kafka.close();
    }

    @Test
    void aCampaignIsGeneratedDecidedClosedByALaterCollectionAndPublishedWithEveryDecision() throws Exception {
        AccountsStandIn.collected(List.of(ALICE, OKTA_ALICE, payments(true)));
        String id = given().contentType("application/json").body(Map.of("controlId", "CM-01"))
                .post("/api/reviews/campaigns").then().statusCode(201)
                .body("campaign.controlId", equalTo("CM-01")).body("campaign.state", equalTo("open"))
                .body("campaign.openedOn", equalTo(TODAY))
                .body("campaign.dueOn", equalTo(LocalDate.now(ZoneOffset.UTC).plusDays(91).toString()))
                .body("campaign.openedBy", equalTo("engineer")).body("campaign.version", equalTo(1))
                // code change access only: the Okta account is not CM-01's
                .body("items.privilege", contains("organisation owner", "admin on acme/payments",
                        "outside collaborator, write on acme/payments"))
                .body("items.reviewer", contains("engineer", "admin", "admin"))
                .body("items.reviewerBasis", contains("system_owner", "resource_owner", "resource_owner"))
                .body("items.state", contains("pending", "pending", "pending"))
                .extract().path("campaign.campaignId");
        String key = "review:campaign:CM-01:" + id;
        EvidenceEvent opened = EventCodec.decodeEvidence(published(key, "\"version\":1").value());
        assertThat(opened.resourceType()).isEqualTo("review.cm-01");
        assertThat(opened.facts()).containsEntry("itemCount", 3).containsEntry("pending", 3)
                .containsEntry("observedOn", TODAY);
        assertThat(opened.facts().get("completedOn")).isNull();
        assertThat(new String(store.get(opened.provenance().responseSha256()).orElseThrow(), StandardCharsets.UTF_8))
                .contains("\"change\":\"opened\"", "\"campaignId\":\"" + id + "\"", "outside collaborator, write");

        // one campaign of a control at a time; the reviewer decides, with a comment, nobody else but an admin
        given().contentType("application/json").body(Map.of("controlId", "CM-01"))
                .post("/api/reviews/campaigns").then().statusCode(409).body("error", containsString("still open"));
        given().get("/api/reviews/my-items").then().statusCode(200)
                .body("findAll { it.campaignId == '" + id + "' }.account", contains("alice"));
        given().contentType("application/json").body(Map.of("decision", "revoke", "comment", "not mine"))
                .post("/api/reviews/campaigns/" + id + "/items/3/decision").then().statusCode(403)
                .body("error", equalTo("item 3 is for admin to review"));
        given().contentType("application/json").body(Map.of("decision", "keep"))
                .post("/api/reviews/campaigns/" + id + "/items/1/decision").then().statusCode(400)
                .body("error", containsString("'comment' is required"));
        given().contentType("application/json").body(Map.of("decision", "keep", "comment", "CTO, owns the org"))
                .post("/api/reviews/campaigns/" + id + "/items/1/decision").then().statusCode(200)
                .body("state", equalTo("kept")).body("decidedBy", equalTo("engineer"));
        TestUsers.as(TestUsers.ADMIN).contentType("application/json")
                .body(Map.of("decision", "keep", "comment", "payments lead"))
                .post("/api/reviews/campaigns/" + id + "/items/2/decision").then().statusCode(200);
        TestUsers.as(TestUsers.ADMIN).contentType("application/json")
                .body(Map.of("decision", "revoke", "comment", "contract ended in November"))
                .post("/api/reviews/campaigns/" + id + "/items/3/decision").then().statusCode(200)
                .body("state", equalTo("revoke-requested"));

        // the revoke is a request until a collection shows the access gone
        given().post("/api/reviews/recheck").then().statusCode(200);
        given().get("/api/reviews/campaigns/" + id).then().body("campaign.state", equalTo("open"))
                .body("items[2].state", equalTo("revoke-requested"));
        // the next collection no longer shows eve on acme/payments: the closed loop confirms the revoke (earlier runs'
        // campaigns on the same servers may have some confirmed too)
        AccountsStandIn.collected(List.of(ALICE, OKTA_ALICE, payments(false)));
        int confirmed = given().post("/api/reviews/recheck").then().statusCode(200).extract().path("confirmed");
        assertThat(confirmed).isGreaterThanOrEqualTo(1);
        given().get("/api/reviews/campaigns/" + id).then().statusCode(200)
                .body("campaign.state", equalTo("completed")).body("campaign.completedOn", equalTo(TODAY))
                .body("items.state", contains("kept", "kept", "revoked-confirmed"))
                .body("decisions.decision", contains("keep", "keep", "revoke", "confirmed-gone"))
                .body("decisions.decidedBy", contains("engineer", "admin", "admin", ReviewService.CLOSED_LOOP));

        EvidenceEvent completed = EventCodec.decodeEvidence(published(key, "\"completedOn\":\"" + TODAY).value());
        assertThat(completed.facts()).containsEntry("kept", 2).containsEntry("revokedConfirmed", 1)
                .containsEntry("pending", 0);
        assertThat(completed.facts().get("items").toString()).contains("decidedBy=admin",
                "comment=contract ended in November", "state=revoked-confirmed");
        String sha = completed.provenance().responseSha256();
        assertThat(new String(store.get(sha).orElseThrow(), StandardCharsets.UTF_8))
                .contains("\"change\":\"completed\"", "\"decision\":\"confirmed-gone\"", "\"decidedBy\":\"admin\"");
        // ... and the control's review document, effective today, citing the same record
        EvidenceEvent document = EventCodec.decodeEvidence(published("manual:CM-01:access-review:" + sha, "").value());
        assertThat(document.facts()).containsEntry("effectiveDate", TODAY).containsEntry("documentType",
                "access-review").containsEntry("approver", "access review campaign " + id);

        // completed is final; the export carries every decision; the decisions cannot be rewritten
        TestUsers.as(TestUsers.ADMIN).contentType("application/json").body(Map.of("decision", "keep", "comment", "x"))
                .post("/api/reviews/campaigns/" + id + "/items/1/decision").then().statusCode(409);
        String csv = given().get("/api/reviews/campaigns/" + id + "/csv").then().statusCode(200)
                .extract().asString();
        assertThat(csv.split("\r\n")).hasSize(4);
        assertThat(csv).startsWith("campaignId,controlId,").contains(",eve,", "revoked-confirmed",
                "contract ended in November");
        try (Connection c = connect()) {
            assertThatThrownBy(() -> c.createStatement().executeUpdate("UPDATE report.review_decision SET "
                    + "decided_by = 'someone' WHERE campaign_id = '" + id + "'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM report.audit_log WHERE action = "
                    + "'REVIEW_DECISION_RECORDED' AND target LIKE '/api/reviews/campaigns/" + id + "/%'")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(3);
            }
        }
    }

    @Test
    void anEmptyReviewCompletesAtOnceAndBadRequestsAreNamed() throws SQLException {
        AccountsStandIn.collected(List.of(OKTA_ALICE));
        // LS-10 with no outside collaborator or guest: reviewed, nothing to decide
        given().contentType("application/json").body(Map.of("controlId", "LS-10"))
                .post("/api/reviews/campaigns").then().statusCode(201)
                .body("campaign.state", equalTo("completed")).body("campaign.items", equalTo(0))
                .body("campaign.dueOn", equalTo(LocalDate.now(ZoneOffset.UTC).plusDays(182).toString()));
        // a campaign started before it was recorded here: an admin gives its real first day, never a day to come
        AccountsStandIn.collected(List.of(OKTA_ALICE));
        String past = LocalDate.now(ZoneOffset.UTC).minusDays(100).toString();
        given().contentType("application/json").body(Map.of("controlId", "LS-24", "openedOn", past))
                .post("/api/reviews/campaigns").then().statusCode(403).body("error", containsString("only an admin"));
        TestUsers.as(TestUsers.ADMIN).contentType("application/json").body(Map.of("controlId", "LS-24",
                        "openedOn", LocalDate.now(ZoneOffset.UTC).plusDays(1).toString()))
                .post("/api/reviews/campaigns").then().statusCode(400).body("error", containsString("a day to come"));
        String back = TestUsers.as(TestUsers.ADMIN).contentType("application/json")
                .body(Map.of("controlId", "LS-24", "openedOn", past))
                .post("/api/reviews/campaigns").then().statusCode(201)
                .body("campaign.openedOn", equalTo(past)).body("campaign.state", equalTo("overdue"))
                .body("campaign.dueOn", equalTo(LocalDate.now(ZoneOffset.UTC).minusDays(9).toString()))
                .extract().path("campaign.campaignId");
        try (Connection c = connect(); var rs = c.createStatement().executeQuery("SELECT detail FROM report.audit_log "
                + "WHERE action = 'REVIEW_CAMPAIGN_OPENED' AND target = '/api/reviews/campaigns/" + back + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).contains("recorded as opened on " + past);
        }
        given().contentType("application/json").body(Map.of("controlId", "CM-11"))
                .post("/api/reviews/campaigns").then().statusCode(400)
                .body("error", containsString("not reviewed by access review campaigns"));
        given().get("/api/reviews/campaigns/nope").then().statusCode(404);
        AccountsStandIn.collected(List.of());
        given().contentType("application/json").body(Map.of("controlId", "LS-24"))
                .post("/api/reviews/campaigns").then().statusCode(409)
                .body("error", containsString("no accounts have been collected yet"));
        TestUsers.as(TestUsers.AUDITOR).get("/api/reviews/campaigns").then().statusCode(403);
    }

    @Test
    void theReviewerDecidesOnTheirPageAndTheCampaignPageShowsWhoDecidedWhat() {
        // an outside collaborator on a repository nobody owns by name: github's owner (engineer) reviews it
        CollectedAccount web = account("github.repository_access", "github:acme/web:access", Map.of("repository",
                "acme/web", "outsideCollaborators", List.of(Map.of("login", "jo-contractor", "role", "write",
                        "admin", false)), "directCollaborators", List.of(), "teams", List.of()));
        AccountsStandIn.collected(List.of(OKTA_ALICE, web));
        String id = TestUsers.as(TestUsers.ADMIN).contentType("application/json").body(Map.of("controlId", "LS-10"))
                .post("/api/reviews/campaigns").then().statusCode(201)
                .body("items.reviewer", contains("engineer")).extract().path("campaign.campaignId");
        String due = LocalDate.now(ZoneOffset.UTC).plusDays(182).toString();

        String mine = given().accept("text/html").get("/reviews").then().statusCode(200).extract().asString();
        assertThat(mine).contains("Your items to review (engineer)", "id=\"campaign-" + id + "\"",
                "id=\"item-" + id + "-1\"", "jo-contractor", "outside collaborator, write on acme/web", due,
                "action=\"/reviews/" + id + "/items/1/decision\"", "/api/reviews/campaigns/" + id + "/csv");
        // a revoke says why, on the page as in the API
        given().redirects().follow(false).formParam("decision", "revoke").formParam("comment", " ")
                .post("/reviews/" + id + "/items/1/decision").then().statusCode(400)
                .contentType(containsString("text/html"))
                .body(containsString("is required: say why the access is kept or revoked"));
        given().redirects().follow(false).formParam("decision", "revoke")
                .formParam("comment", "the contract ended")
                .post("/reviews/" + id + "/items/1/decision").then().statusCode(303)
                .header("Location", containsString("/reviews#campaign-" + id));
        given().get("/api/reviews/campaigns/" + id).then().body("items[0].state", equalTo("revoke-requested"))
                .body("items[0].decidedBy", equalTo("engineer")).body("items[0].comment", equalTo("the contract ended"));
        // nobody else's item is theirs to decide on the page either
        TestUsers.as(TestUsers.ADMIN).get("/api/reviews/my-items").then().statusCode(200)
                .body("findAll { it.campaignId == '" + id + "' }", org.hamcrest.Matchers.empty());

        String page = TestUsers.as(TestUsers.ADMIN).accept("text/html").get("/reviews/" + id).then().statusCode(200)
                .extract().asString();
        assertThat(page).contains("LS-10 access review", "jo-contractor", "revoke-requested", "the contract ended",
                "engineer", "/api/reviews/campaigns/" + id + "/csv");
        given().accept("text/html").get("/reviews?controlId=LS-10").then().statusCode(200)
                .body(containsString("data-campaign=\"" + id + "\""));
        given().accept("text/html").get("/controls/LS-10").then().statusCode(200)
                .body(containsString("href=\"/reviews?controlId=LS-10\""));
        given().accept("text/html").get("/reviews/no-such-campaign").then().statusCode(404);
        TestUsers.as(TestUsers.AUDITOR).accept("text/html").get("/reviews").then().statusCode(403);
        try (Connection c = connect(); var rs = c.createStatement().executeQuery("SELECT count(*) FROM "
                + "report.audit_log WHERE action = 'REVIEW_DECISION_RECORDED' AND target = "
                + "'/api/reviews/campaigns/" + id + "/items/1'")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect() throws SQLException {
        Database db = TestServers.postgres();
        return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
    }

    private ConsumerRecord<String, String> published(String key, String containing) {
        List<ConsumerRecord<String, String>> records = evidence.awaitAny(r -> key.equals(r.key())
                && r.value().contains(containing), WAIT);
        return records.stream().filter(r -> key.equals(r.key()) && r.value().contains(containing)).findFirst()
                .orElseThrow();
    }
}
