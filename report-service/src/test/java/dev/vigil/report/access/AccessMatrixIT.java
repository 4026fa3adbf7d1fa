package dev.vigil.report.access;

import dev.vigil.access.testing.AccessMatrix;
import dev.vigil.access.testing.AccessMatrix.Design;
import dev.vigil.report.TestUsers;
import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.Map;

import static dev.vigil.access.testing.AccessMatrix.Caller.ADMIN;
import static dev.vigil.access.testing.AccessMatrix.Caller.AUDITOR;
import static dev.vigil.access.testing.AccessMatrix.Caller.ENGINEER;
import static dev.vigil.access.testing.AccessMatrix.Caller.SERVICE;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.nullValue;

/**
 * report-service's authorization matrix (docs/access.md), as designed rather than as annotated (AccessIT checks the
 * annotations hold): every endpoint, every caller, exactly the designed answer. A signed-out script gets 401 from
 * the API and a signed-out browser is sent to the login page; a service credential reads only the metrics. A new
 * endpoint fails {@link #everyEndpointIsDesigned()} until it is added here and to the docs.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class AccessMatrixIT {
    @TestHTTPResource("/")
    URL base;

    AccessMatrix matrix;

    @BeforeEach
    void design() throws Exception {
        // The auditor holds a grant for every period, so what it meets is its role, not a missing grant.
        given().auth().preemptive().basic(TestUsers.ADMIN, TestUsers.password(TestUsers.ADMIN))
                .contentType("application/json").body(Map.of("principal", TestUsers.AUDITOR, "from", "2000-01-01",
                        "to", "2099-12-31")).post("/api/access/grants").then().statusCode(201);
        Design team = Design.admits(ADMIN, ENGINEER);
        Design teamAndAuditor = Design.admits(ADMIN, ENGINEER, AUDITOR);
        Design decide = Design.admits(ADMIN).body("application/json", "{\"controlId\":\"NO-SUCH-CONTROL\"}");
        Design decideByForm = Design.admits(ADMIN).anonymousRedirectedToLogin()
                .body("application/x-www-form-urlencoded", "controlId=NO-SUCH-CONTROL");
        Design period = teamAndAuditor.probe("/api/periods/summary?from=2026-01-01&to=2026-01-31");
        matrix = new AccessMatrix(base.toURI())
                .caller(ADMIN, TestUsers.ADMIN, TestUsers.password(TestUsers.ADMIN))
                .caller(ENGINEER, TestUsers.ENGINEER, TestUsers.password(TestUsers.ENGINEER))
                .caller(AUDITOR, TestUsers.AUDITOR, TestUsers.password(TestUsers.AUDITOR))
                .caller(SERVICE, "prometheus", "test-prometheus-secret")
                // pages (hidden from the OpenAPI document): a signed-out browser is sent to the login page
                .outsideOpenApi("GET /", teamAndAuditor.anonymousRedirectedToLogin())
                .outsideOpenApi("GET /controls/{id}", team.anonymousRedirectedToLogin())
                .outsideOpenApi("GET /collections", team.anonymousRedirectedToLogin())
                .outsideOpenApi("GET /evidence", team.anonymousRedirectedToLogin())
                .outsideOpenApi("GET /registers", team.anonymousRedirectedToLogin())
                .outsideOpenApi("GET /policies", team.anonymousRedirectedToLogin())
                .outsideOpenApi("POST /policies/{policyId}/acknowledge", team.anonymousRedirectedToLogin()
                        .body("application/x-www-form-urlencoded", ""))
                .outsideOpenApi("GET /reviews", team.anonymousRedirectedToLogin())
                .outsideOpenApi("GET /reviews/{campaignId}", team.anonymousRedirectedToLogin())
                // a probe names no campaign and no decision, so nothing is recorded
                .outsideOpenApi("POST /reviews/{campaignId}/items/{itemId}/decision", team
                        .anonymousRedirectedToLogin().body("application/x-www-form-urlencoded", ""))
                .outsideOpenApi("GET /commitments", team.anonymousRedirectedToLogin())
                .outsideOpenApi("GET /periods", teamAndAuditor.anonymousRedirectedToLogin())
                .outsideOpenApi("GET /login", Design.open())
                .outsideOpenApi("POST /logout", Design.open())
                // the live API
                .design("GET /api/controls", team)
                .design("GET /api/controls/{id}", team)
                .design("GET /api/controls/{id}/failing-resources", team)
                .design("GET /api/criteria", team)
                .design("GET /api/criteria/{id}", team)
                .design("GET /api/commitments", team)
                .design("GET /api/commitments/{id}", team)
                .design("GET /api/alerts", team)
                .design("GET /api/alerts/backlog", team)
                .design("GET /api/events/status", team)
                .design("GET /api/evidence/uploads", team)
                .design("GET /api/evidence/uploads/{sha256}", team)
                .design("POST /api/evidence/uploads", team.body("multipart/form-data; boundary=probe", "--probe--\r\n"))
                .design("GET /api/evidence/generated", team)
                .design("GET /api/evidence/generated/{sha256}", team)
                .design("POST /api/evidence/generated", team)
                // registers: the team keeps them; probes name an unknown register, so nothing is recorded
                .design("GET /api/registers/{register}", team)
                .design("GET /api/registers/{register}/items/{itemId}", team)
                .design("PUT /api/registers/{register}/items/{itemId}", team.body("application/json", "{}"))
                .design("GET /api/registers/{register}/csv", team)
                .design("POST /api/registers/{register}/csv", team.body("text/csv", "itemId\r\n"))
                // access reviews: the team runs them; probes name no control and no decision, so nothing is recorded
                .design("GET /api/reviews/campaigns", team)
                .design("POST /api/reviews/campaigns", team.body("application/json", "{}"))
                .design("GET /api/reviews/campaigns/{id}", team)
                .design("GET /api/reviews/campaigns/{id}/csv", team)
                .design("GET /api/reviews/my-items", team)
                .design("POST /api/reviews/campaigns/{id}/items/{itemId}/decision", team.body("application/json", "{}"))
                .design("POST /api/reviews/recheck", team)
                // policies: the team keeps them; probes name an unknown policy or send an empty body or file, so
                // nothing is recorded
                .design("GET /api/policies", team)
                .design("GET /api/policies/{policyId}", team)
                .design("PUT /api/policies/{policyId}", team.body("application/json", "{}"))
                .design("POST /api/policies/{policyId}/versions", team.body("application/json", "{}"))
                .design("GET /api/policies/{policyId}/versions/{version}/document", team.probe(
                        "/api/policies/no-such-policy/versions/1/document"))
                .design("POST /api/policies/{policyId}/versions/{version}/approval", team.probe(
                        "/api/policies/no-such-policy/versions/1/approval"))
                .design("POST /api/policies/{policyId}/acknowledgement", team)
                .design("GET /api/policies/acknowledgements/csv", team)
                .design("POST /api/policies/acknowledgements/csv", team.body("text/csv", "policyId\r\n"))
                // periods: auditors too, within their grants
                .design("GET /api/catalogue", teamAndAuditor)
                .design("GET /api/controls/{id}/history", teamAndAuditor.probe(
                        "/api/controls/LS-01/history?from=2026-01-01&to=2026-01-31"))
                .design("GET /api/controls/{id}/period", teamAndAuditor.probe(
                        "/api/controls/LS-01/period?from=2026-01-01&to=2026-01-31"))
                .design("GET /api/periods/summary", period)
                .design("GET /api/bundles", teamAndAuditor.probe("/api/bundles?from=2026-01-01&to=2026-01-02"))
                .design("GET /api/bundles/signing-key", Design.open())
                .design("GET /api/bundles/signing-keys", Design.open())
                .design("GET /api/access/me", teamAndAuditor)
                // administration
                .design("GET /api/access/grants", Design.admits(ADMIN))
                .design("POST /api/access/grants", Design.admits(ADMIN))
                .design("DELETE /api/access/grants/{id}", Design.admits(ADMIN))
                .design("GET /api/audit-log", Design.admits(ADMIN))
                // dead letters: listing shows records' contents, replay publishes; the probe names an unknown dead
                // letter, so an admitted caller meets an answer that publishes nothing
                .design("GET /api/dead-letters", Design.admits(ADMIN))
                .design("POST /api/dead-letters/replay", Design.admits(ADMIN).body("application/json",
                        "{\"ids\":[\"vigil.evidence.v1.dlq/0/999999999\"]}"))
                // risk acceptances and scoping decisions, four-eyes: admins decide, engineers read; probes name an
                // unknown control or request, so an admitted caller meets 400/404 and nothing is recorded
                .design("GET /api/risk-acceptances", team)
                .design("GET /api/scoping-decisions", team)
                .design("GET /api/approval-requests", team)
                .design("GET /api/approval-requests/{requestId}", team)
                .design("POST /api/risk-acceptances/requests", decide)
                .design("POST /api/risk-acceptances/{exceptionId}/revocation-requests", decide)
                .design("POST /api/scoping-decisions/requests", decide)
                .design("POST /api/scoping-decisions/{decisionId}/revocation-requests", decide)
                .design("POST /api/approval-requests/{requestId}/approve", decide)
                .design("POST /api/approval-requests/{requestId}/reject", decide)
                // the control page's forms for the same (hidden from the OpenAPI document)
                .outsideOpenApi("POST /approvals/risk-acceptance-requests", decideByForm)
                .outsideOpenApi("POST /approvals/scoping-decision-requests", decideByForm)
                .outsideOpenApi("POST /approvals/risk-acceptances/{exceptionId}/revocation-requests", decideByForm)
                .outsideOpenApi("POST /approvals/scoping-decisions/{decisionId}/revocation-requests", decideByForm)
                .outsideOpenApi("POST /approvals/{requestId}/approve", decideByForm)
                .outsideOpenApi("POST /approvals/{requestId}/reject", decideByForm)
                // AccessIT's probe of deny-unannotated-endpoints (test sources only): nobody gets in
                .design("GET /api/test-only/unannotated", Design.nobody())
                .operatorEndpoints();
    }

    @Test
    void everyEndpointIsDesigned() throws Exception {
        matrix.assertEveryEndpointIsDesigned();
    }

    @Test
    void everyCallerGetsTheDesignedAnswer() throws Exception {
        matrix.assertEveryCallerGetsTheDesignedAnswer();
    }

    @Test
    void theApiAnswersAScriptWithAChallengeAndOnlyPagesSendABrowserToSignIn() {
        given().auth().none().redirects().follow(false).get("/api/controls").then().statusCode(401)
                .header("WWW-Authenticate", "Basic realm=\"Vigil\"").header("Location", nullValue());
        given().auth().none().redirects().follow(false).get("/q/metrics").then().statusCode(401);
        given().auth().none().redirects().follow(false).header("Accept", "text/html").get("/collections").then()
                .statusCode(302).header("Location", endsWith("/login"));
    }

    @Test
    void aFormAnotherSitePostsIsRefusedEvenWithAValidPassword() {
        given().auth().preemptive().basic(TestUsers.ADMIN, TestUsers.password(TestUsers.ADMIN))
                .header("Sec-Fetch-Site", "cross-site").contentType("application/json").body("{}")
                .post("/api/access/grants").then().statusCode(403);
        given().auth().preemptive().basic(TestUsers.ADMIN, TestUsers.password(TestUsers.ADMIN))
                .header("Origin", "https://evil.example").contentType("application/json").body("{}")
                .post("/api/access/grants").then().statusCode(403);
        // the same request from the service's own origin reaches the endpoint (which refuses the empty grant)
        given().auth().preemptive().basic(TestUsers.ADMIN, TestUsers.password(TestUsers.ADMIN))
                .header("Origin", base.getProtocol() + "://" + base.getHost() + ":" + base.getPort())
                .contentType("application/json").body("{}").post("/api/access/grants").then().statusCode(400);
    }
}
