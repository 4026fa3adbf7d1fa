package dev.vigil.report.approval;

import dev.vigil.report.TestUsers;
import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * Four-eyes risk acceptances and scoping decisions through report-service, against real Kafka and PostgreSQL and a
 * stand-in evaluator that keeps what it is sent: admin A requests, admin B approves, the evaluator is told both
 * names, the control page and the audit log show them; A approving A's own request is refused.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(EvaluatorStandIn.class)
class ApprovalsIT {
    static final String ADMIN2 = "admin2";

    @ConfigProperty(name = "vigil.report.evaluator-url")
    String evaluatorUrl;

    static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, TestUsers.password(user));
    }

    List<String> sentToEvaluator() {
        return given().get(evaluatorUrl + "/recorded").then().statusCode(200).extract().jsonPath().getList(".");
    }

    @Test
    void adminARequestsAdminBApprovesAndBothNamesReachTheEvaluatorThePageAndTheAuditLog() {
        // whole seconds: PostgreSQL keeps microseconds, so a finer instant comes back rounded
        String expires = Instant.now().plus(Duration.ofDays(90)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString();
        JsonPath requested = as(TestUsers.ADMIN).contentType("application/json")
                .body(Map.of("controlId", "LS-01", "resourceKey", "aws:111122223333:s3:acme-legacy",
                        "justification", "legacy export bucket, deleted in Q1", "expiresAt", expires,
                        "requestedBy", "somebody-else")) // ignored: the requester is the signed-in user
                .post("/api/risk-acceptances/requests").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/api/approval-requests/")).extract().jsonPath();
        String id = requested.getString("id");
        assertThat(requested.getString("state")).isEqualTo("PENDING");
        assertThat(requested.getString("requestedBy")).isEqualTo(TestUsers.ADMIN);
        assertThat(requested.getString("kind")).isEqualTo("RISK_ACCEPTANCE");

        // A may not approve A's own request; nothing reaches the evaluator.
        as(TestUsers.ADMIN).post("/api/approval-requests/" + id + "/approve").then().statusCode(409)
                .body("error", equalTo("four-eyes: admin requested this risk acceptance (" + id
                        + ") and may not approve it; another admin must"));
        assertThat(sentToEvaluator()).noneMatch(s -> s.contains("acme-legacy"));
        // Engineers read, never decide; auditors neither.
        as(TestUsers.ENGINEER).post("/api/approval-requests/" + id + "/approve").then().statusCode(403);
        as(TestUsers.ENGINEER).get("/api/approval-requests?state=PENDING&controlId=LS-01").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.hasItem(id));
        as(TestUsers.AUDITOR).get("/api/approval-requests").then().statusCode(403);

        JsonPath approved = as(ADMIN2).post("/api/approval-requests/" + id + "/approve").then().statusCode(200)
                .extract().jsonPath();
        assertThat(approved.getString("state")).isEqualTo("APPROVED");
        assertThat(approved.getString("decidedBy")).isEqualTo(ADMIN2);
        assertThat(approved.getBoolean("fourEyes")).isTrue();
        String exceptionId = approved.getString("decisionId");
        assertThat(exceptionId).startsWith("EX-");
        assertThat(sentToEvaluator()).anySatisfy(s -> assertThat(s).startsWith("POST /api/exceptions ")
                .contains("\"requestedBy\":\"admin\"", "\"approvedBy\":\"admin2\"", "acme-legacy",
                        "\"expiresAt\":\"" + expires + "\""));
        as(ADMIN2).post("/api/approval-requests/" + id + "/approve").then().statusCode(409)
                .body("error", startsWith("request " + id + " was already approved by admin2"));

        String page = as(TestUsers.ENGINEER).get("/controls/LS-01").then().statusCode(200).extract().asString();
        assertThat(section(page, "exceptions")).contains(exceptionId, "legacy export bucket, deleted in Q1",
                "<td>admin</td>", "<td>admin2</td>");
        assertThat(section(page, "approvals")).contains("request-" + id, "APPROVED by admin2")
                .doesNotContain("<form"); // an engineer sees no form

        List<Map<String, Object>> audit = as(TestUsers.ADMIN).get("/api/audit-log?limit=50").then().statusCode(200)
                .extract().jsonPath().getList(".");
        assertThat(audit).anySatisfy(e -> {
            assertThat(e).containsEntry("action", "RISK_ACCEPTANCE_REQUESTED").containsEntry("principal", "admin")
                    .containsEntry("target", "approval-request " + id);
            assertThat((String) e.get("detail")).contains("LS-01", "aws:111122223333:s3:acme-legacy",
                    "requested by admin");
        });
        assertThat(audit).anySatisfy(e -> {
            assertThat(e).containsEntry("action", "RISK_ACCEPTANCE_APPROVED").containsEntry("principal", "admin2");
            assertThat((String) e.get("detail")).contains(exceptionId, "requested by admin", "approved by admin2");
        });

        // Revocation works the same way: admin2 asks, admin approves; the evaluator hears both.
        String revocation = as(ADMIN2).contentType("application/json").body(Map.of("justification", "bucket deleted"))
                .post("/api/risk-acceptances/" + exceptionId + "/revocation-requests").then().statusCode(201)
                .body("kind", equalTo("RISK_ACCEPTANCE_REVOCATION")).body("controlId", equalTo("LS-01"))
                .extract().path("id");
        as(ADMIN2).post("/api/approval-requests/" + revocation + "/approve").then().statusCode(409);
        as(TestUsers.ADMIN).post("/api/approval-requests/" + revocation + "/approve").then().statusCode(200)
                .body("decisionId", equalTo(exceptionId));
        assertThat(sentToEvaluator()).contains("DELETE /api/exceptions/" + exceptionId
                + "?revokedBy=admin2&approvedBy=admin");
        as(TestUsers.ADMIN).contentType("application/json").body(Map.of("justification", "again"))
                .post("/api/risk-acceptances/" + exceptionId + "/revocation-requests").then().statusCode(409)
                .body("error", org.hamcrest.Matchers.containsString("no longer in force"));
        assertThat(as(TestUsers.ADMIN).get("/api/audit-log?limit=50").then().extract().jsonPath()
                .getList("action", String.class)).contains("REVOCATION_REQUESTED", "REVOCATION_APPROVED");
    }

    @Test
    void theDashboardFormsRequestApproveAndRefuseSelfApprovalWithTheReasonOnThePage() {
        as(TestUsers.ADMIN).redirects().follow(false).formParam("controlId", "DS-04")
                .formParam("justification", "no mobile devices access customer data")
                .post("/approvals/scoping-decision-requests").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/controls/DS-04#approvals"));
        String id = as(TestUsers.ADMIN).get("/api/approval-requests?controlId=DS-04&state=PENDING").then()
                .statusCode(200).extract().path("[0].id");

        String mine = section(as(TestUsers.ADMIN).get("/controls/DS-04").then().statusCode(200).extract().asString(),
                "approvals");
        assertThat(mine).contains("request-" + id, "no mobile devices access customer data",
                "<span class=\"requester\">admin</span>", "You requested this: another admin must approve it.")
                .doesNotContain("/approvals/" + id + "/approve");
        // Posting the approval anyway: refused, and the page says why.
        String refused = as(TestUsers.ADMIN).redirects().follow(false).formParam("controlId", "DS-04")
                .post("/approvals/" + id + "/approve").then().statusCode(409).extract().asString();
        assertThat(section(refused, "approvals")).contains("Refused: four-eyes: admin requested this scoping decision");

        String theirs = section(as(ADMIN2).get("/controls/DS-04").then().statusCode(200).extract().asString(),
                "approvals");
        assertThat(theirs).contains("action=\"/approvals/" + id + "/approve\"");
        as(ADMIN2).redirects().follow(false).formParam("controlId", "DS-04").post("/approvals/" + id + "/approve")
                .then().statusCode(303);
        assertThat(sentToEvaluator()).anySatisfy(s -> assertThat(s).startsWith("POST /api/scoping ")
                .contains("\"requestedBy\":\"admin\"", "\"approvedBy\":\"admin2\"", "DS-04"));
        String after = section(as(TestUsers.ADMIN).get("/controls/DS-04").then().statusCode(200).extract().asString(),
                "approvals");
        assertThat(after).contains("id=\"scoping-in-force\"", "requested by admin, approved by admin2",
                "APPROVED by admin2");
        as(ADMIN2).contentType("application/json").body(Map.of("controlId", "DS-04", "justification", "again"))
                .post("/api/scoping-decisions/requests").then().statusCode(409)
                .body("error", startsWith("DS-04 is already out of scope (SD-"));

        // A rejection needs a reason; with one, the request is closed and says who rejected it and why.
        as(TestUsers.ADMIN).redirects().follow(false).formParam("controlId", "LS-01")
                .formParam("justification", "vendor fix due").formParam("expiresAt",
                        java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(30).toString())
                .post("/approvals/risk-acceptance-requests").then().statusCode(303);
        String ra = as(TestUsers.ADMIN).get("/api/approval-requests?controlId=LS-01&state=PENDING").then()
                .extract().path("[0].id");
        as(ADMIN2).redirects().follow(false).formParam("controlId", "LS-01").post("/approvals/" + ra + "/reject")
                .then().statusCode(400);
        as(ADMIN2).redirects().follow(false).formParam("controlId", "LS-01").formParam("reason", "fix it instead")
                .post("/approvals/" + ra + "/reject").then().statusCode(303);
        as(TestUsers.ENGINEER).get("/api/approval-requests/" + ra).then().statusCode(200)
                .body("state", equalTo("REJECTED")).body("decidedBy", equalTo(ADMIN2))
                .body("reason", equalTo("fix it instead"));
        as(TestUsers.ENGINEER).redirects().follow(false).formParam("controlId", "LS-01")
                .formParam("justification", "x").post("/approvals/scoping-decision-requests").then().statusCode(403);
    }

    @Test
    void aRiskAcceptanceNeedsAnExpiryOfAtMost365Days() {
        as(TestUsers.ADMIN).contentType("application/json").body(Map.of("controlId", "LS-01", "justification", "j"))
                .post("/api/risk-acceptances/requests").then().statusCode(400)
                .body("error", startsWith("a risk acceptance needs an expiry"));
        as(TestUsers.ADMIN).contentType("application/json").body(Map.of("controlId", "LS-01", "justification", "j",
                        "expiresAt", Instant.now().plus(Duration.ofDays(366)).toString()))
                .post("/api/risk-acceptances/requests").then().statusCode(400)
                .body("error", startsWith("a risk acceptance may last at most 365 days"));
        as(TestUsers.ADMIN).contentType("application/json").body(Map.of("controlId", "NOPE-1", "justification", "j",
                        "expiresAt", "2099-01-01")).post("/api/risk-acceptances/requests").then().statusCode(404)
                .body("error", equalTo("unknown control 'NOPE-1'"));
    }

    /** The HTML of the section with this id, so a text is checked where the page puts it. */
    static String section(String page, String id) {
        int start = page.indexOf("<section id=\"" + id + "\"");
        assertThat(start).as("section #" + id).isNotNegative();
        return page.substring(start, page.indexOf("</section>", start));
    }
}
