package dev.vigil.collector.api;

import dev.vigil.access.testing.AccessMatrix;
import dev.vigil.access.testing.AccessMatrix.Design;
import dev.vigil.collector.testing.SandboxResource;
import dev.vigil.access.testing.TestCallers;
import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;

import static dev.vigil.access.testing.AccessMatrix.Caller.ADMIN;
import static dev.vigil.access.testing.AccessMatrix.Caller.ENGINEER;
import static dev.vigil.access.testing.AccessMatrix.Caller.SERVICE;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsStringIgnoringCase;

/**
 * collector-service's authorization matrix (docs/access.md): every endpoint, every caller, exactly the designed
 * answer. A new endpoint fails {@link #everyEndpointIsDesigned()} until it is added here and to the docs.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(SandboxResource.class)
class AccessMatrixIT {
    @TestHTTPResource("/")
    URL base;

    AccessMatrix matrix;

    @BeforeEach
    void design() throws Exception {
        Design team = Design.admits(ADMIN, ENGINEER, SERVICE);
        matrix = new AccessMatrix(base.toURI())
                .testProfileUsers()
                .caller(SERVICE, TestCallers.SERVICE, TestCallers.SERVICE_SECRET)
                .design("GET /api/collections", team)
                // an unknown collector: admitted callers get 404, and no run starts
                .design("POST /api/collections", team.probe("/api/collections?collector=no-such-collector"))
                .design("GET /api/collectors", team)
                // webhook receivers: open, a delivery proves itself by its signature (an unknown provider: 404)
                .outsideOpenApi("POST /hooks/{provider}", Design.open().probe("/hooks/no-such-provider"))
                // a provider's one-time check of the URL (Okta's verification): open, proven by the hook's secret
                .outsideOpenApi("GET /hooks/{provider}", Design.open().probe("/hooks/no-such-provider"))
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
    void aCallerWithoutCredentialsIsChallengedForThem() {
        given().auth().none().post("/api/collections?collector=no-such-collector").then().statusCode(401)
                .header("WWW-Authenticate", containsStringIgnoringCase("basic"));
    }

    @Test
    void aFormAnotherSitePostsCannotStartCollectionsWithARememberedPassword() {
        given().auth().preemptive().basic("engineer", "test-engineer").header("Sec-Fetch-Site", "cross-site")
                .post("/api/collections?collector=no-such-collector").then().statusCode(403);
        given().auth().preemptive().basic("engineer", "test-engineer").header("Origin", "https://evil.example")
                .post("/api/collections?collector=no-such-collector").then().statusCode(403);
        // from a script (no Origin): through to the endpoint, which knows no such collector
        given().auth().preemptive().basic("engineer", "test-engineer")
                .post("/api/collections?collector=no-such-collector").then().statusCode(404);
    }
}
