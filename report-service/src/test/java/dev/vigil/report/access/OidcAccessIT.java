package dev.vigil.report.access;

import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/**
 * Production sign-in: OIDC bearer tokens from an identity provider (here a Keycloak-shaped one, {@link
 * TestOidcProvider}) with the roles in the {@code groups} claim, and the demo users off.
 */
@QuarkusTest
@TestProfile(OidcAccessIT.Oidc.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(TestOidcProvider.class)
class OidcAccessIT {
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.oidc.auth-server-url")
    String issuer;

    /** As docs/access.md configures production. */
    public static class Oidc implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.tenant-enabled", "true",
                    "quarkus.oidc.client-id", "vigil",
                    "quarkus.oidc.credentials.secret", "test-client-secret",
                    "vigil.access.demo-users.enabled", "false",
                    // its own calls: a client-credentials token (token-url from TestOidcProvider)
                    "vigil.access.client.oidc.client-id", TestOidcProvider.SERVICE_CLIENT_ID,
                    "vigil.access.client.oidc.client-secret", TestOidcProvider.SERVICE_CLIENT_SECRET);
        }
    }

    @Test
    void rolesComeFromTheTokensGroups() {
        given().auth().oauth2(TestOidcProvider.token(issuer, "erin", List.of("engineer"))).get("/api/controls")
                .then().statusCode(200);
        given().auth().oauth2(TestOidcProvider.token(issuer, "aldo", List.of("auditor"))).get("/api/controls")
                .then().statusCode(403);
        given().auth().oauth2(TestOidcProvider.token(issuer, "aldo", List.of("auditor"))).get("/api/access/me")
                .then().statusCode(200).body("user", equalTo("aldo")).body("roles", contains("auditor"));
        given().auth().oauth2(TestOidcProvider.token(issuer, "ada", List.of("admin"))).get("/api/audit-log")
                .then().statusCode(200);
        given().auth().oauth2(TestOidcProvider.token(issuer, "erin", List.of("engineer"))).get("/api/audit-log")
                .then().statusCode(403);
    }

    @jakarta.inject.Inject
    dev.vigil.access.ClientCredential ownCredential;

    @io.quarkus.test.common.http.TestHTTPResource("/q/metrics")
    java.net.URI metrics;

    /**
     * report-service's own calls carry a client-credentials token from the provider, and a Vigil service with OIDC on
     * (here report-service itself) takes it as the service identity: /q/metrics admits admin and service only.
     */
    @Test
    void ownCallsCarryAClientCredentialsTokenThatIsTheServiceIdentity() throws Exception {
        var answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(metrics)
                        .header("Authorization", ownCredential.authorization().orElseThrow()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        org.assertj.core.api.Assertions.assertThat(answer.statusCode()).isEqualTo(200);
        org.assertj.core.api.Assertions.assertThat(answer.body()).contains("jvm_memory_used_bytes");
        given().auth().oauth2(TestOidcProvider.token(issuer, "erin", List.of("engineer"))).get("/q/metrics")
                .then().statusCode(403); // so the 200 above is the service role, not any valid token
    }

    @Test
    void anyOtherTokenOrNoneIsRefused() throws Exception {
        // A caller without a token is refused, or (hybrid: maybe a browser) sent to the provider's sign-in.
        int anonymous = given().auth().none().redirects().follow(false).get("/api/controls").then().extract()
                .statusCode();
        org.assertj.core.api.Assertions.assertThat(anonymous).isIn(401, 302);
        given().auth().oauth2(TestOidcProvider.token(issuer, "erin", List.of("engineer"), Instant.now().plusSeconds(300),
                new RSAKeyGenerator(2048).keyID("vigil-test-oidc").generate())).get("/api/controls")
                .then().statusCode(401); // another key
        given().auth().oauth2(TestOidcProvider.token(issuer, "erin", List.of("engineer"),
                Instant.now().minusSeconds(600), TestOidcProvider.KEY)).get("/api/controls")
                .then().statusCode(401); // expired
        int demo = given().auth().preemptive().basic("engineer", "test-engineer").redirects().follow(false)
                .get("/api/controls").then().extract().statusCode();
        org.assertj.core.api.Assertions.assertThat(demo).as("demo users are off in production").isIn(401, 302);
    }
}
