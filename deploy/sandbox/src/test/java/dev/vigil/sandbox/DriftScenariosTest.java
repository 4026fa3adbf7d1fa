package dev.vigil.sandbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Drift scenarios switch their stubs on and off over the sandbox's own HTTP port. */
class DriftScenariosTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String BRANCH = "/github/repos/acme-demo/payments-api/branches/main";
    private static final String BASE_BRANCH_ETAG = "W/\"b403571a6fb44e4e2e4ffda2e802e493edee160d\"";
    private static Sandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(0);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @AfterEach
    void allOff() throws Exception {
        assertThat(send("DELETE", "/__vigil/drift", Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void listsTheScenariosAllOffAtStart() throws Exception {
        HttpResponse<String> list = send("GET", "/__vigil/drift", Map.of());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("\"name\": \"bucket-loses-encryption\", \"on\": false",
                "\"name\": \"branch-protection-removed\", \"on\": false",
                "\"name\": \"contractor-offboarded\", \"on\": false",
                "\"name\": \"admin-loses-mfa\", \"on\": false",
                "\"name\": \"leaver-stays-in-github\", \"on\": false",
                "\"name\": \"okta-admin-factors-reset\", \"on\": false",
                "\"name\": \"okta-session-mfa-optional\", \"on\": false",
                "\"name\": \"entra-leaver-reenabled\", \"on\": false",
                "\"name\": \"google-leaver-unsuspended\", \"on\": false");
        assertThat(sandbox.drift().names()).containsExactly("admin-loses-mfa", "branch-protection-removed",
                "bucket-loses-encryption", "contractor-offboarded", "entra-leaver-reenabled",
                "google-leaver-unsuspended", "leaver-stays-in-github", "okta-admin-factors-reset",
                "okta-session-mfa-optional");
    }

    @Test
    void bucketLosesEncryptionWhileOnAndGetsItBackWhenOff() throws Exception {
        String encryption = "/aws/acme-backups?encryption";
        assertThat(send("GET", encryption, Map.of()).body()).contains("<SSEAlgorithm>AES256</SSEAlgorithm>");

        HttpResponse<String> on = send("POST", "/__vigil/drift/bucket-loses-encryption", Map.of());
        assertThat(on.statusCode()).isEqualTo(200);
        assertThat(on.body()).contains("\"on\": true");
        HttpResponse<String> drifted = send("GET", encryption, Map.of());
        assertThat(drifted.statusCode()).isEqualTo(404);
        assertThat(drifted.body()).contains("<Code>ServerSideEncryptionConfigurationNotFoundError</Code>");
        // the other buckets keep theirs
        assertThat(send("GET", "/aws/acme-app-logs?encryption", Map.of()).statusCode()).isEqualTo(200);

        // switching on twice adds nothing twice; once off, the ground truth answers again
        send("POST", "/__vigil/drift/bucket-loses-encryption", Map.of());
        HttpResponse<String> off = send("DELETE", "/__vigil/drift/bucket-loses-encryption", Map.of());
        assertThat(off.body()).contains("\"on\": false");
        HttpResponse<String> restored = send("GET", encryption, Map.of());
        assertThat(restored.statusCode()).isEqualTo(200);
        assertThat(restored.body()).contains("<SSEAlgorithm>AES256</SSEAlgorithm>");
    }

    @Test
    void branchProtectionRemovedNeverAnswers304WithTheProtectedBranchsETag() throws Exception {
        Map<String, String> revalidate = Map.of("If-None-Match", BASE_BRANCH_ETAG);
        assertThat(send("GET", BRANCH, revalidate).statusCode()).isEqualTo(304);

        sandbox.drift().switchOn("branch-protection-removed");
        assertThat(sandbox.drift().isOn("branch-protection-removed")).isTrue();
        HttpResponse<String> drifted = send("GET", BRANCH, revalidate);
        assertThat(drifted.statusCode()).isEqualTo(200);
        assertThat(drifted.body()).contains("\"protected\": false")
                .contains("\"protection_url\": \"" + sandbox.baseUrl() + BRANCH + "/protection\"");
        assertThat(drifted.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(BASE_BRANCH_ETAG);
        assertThat(send("GET", BRANCH + "/protection", Map.of()).statusCode()).isEqualTo(404);

        sandbox.drift().switchOff("branch-protection-removed");
        assertThat(send("GET", BRANCH, revalidate).statusCode()).isEqualTo(304);
        // revalidating with the drifted ETag gets the protected branch back in full
        HttpResponse<String> restored = send("GET", BRANCH,
                Map.of("If-None-Match", drifted.headers().firstValue("ETag").orElseThrow()));
        assertThat(restored.statusCode()).isEqualTo(200);
        assertThat(restored.body()).contains("\"protected\": true");
        assertThat(send("GET", BRANCH + "/protection", Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void adminLosesMfaAndLeaverStaysInGitHub() throws Exception {
        String registration = "/entra/graph/v1.0/reports/authenticationMethods/userRegistrationDetails";
        Map<String, String> graph = Map.of("Authorization", "Bearer sandbox-graph-token");
        assertThat(send("POST", "/__vigil/drift/admin-loses-mfa", Map.of()).statusCode()).isEqualTo(200);
        String details = send("GET", registration, graph).body();
        String dana = details.substring(details.indexOf("dana.lee@acme-demo.com"), details.indexOf("erik.novak"));
        assertThat(dana).contains("\"isAdmin\": true", "\"isMfaRegistered\": false", "\"methodsRegistered\": []");
        // a targeted read of dana alone (a change notification's) sees the same drift
        assertThat(send("GET", registration + "/3f6a1c2e-1111-4a5b-9c8d-0e1f2a3b4c5d", graph).body())
                .contains("\"isMfaRegistered\": false", "\"methodsRegistered\": []");

        String members = "/github/orgs/acme-demo/members?per_page=100&page=2";
        String domainEmails = "{\"query\": \"query { organization(login: $org) { membersWithRole { nodes { login "
                + "organizationVerifiedDomainEmails(login: $org) } } } }\", \"variables\": {\"org\": \"acme-demo\"}}";
        assertThat(send("GET", members, Map.of()).body()).doesNotContain("frank");
        assertThat(post("/github/graphql", domainEmails).body()).contains("bob@acme-demo.example")
                .doesNotContain("frank");
        assertThat(send("POST", "/__vigil/drift/leaver-stays-in-github", Map.of()).statusCode()).isEqualTo(200);
        // GitHub's member list carries no e-mail: frank is joined by his verified-domain e-mail
        assertThat(send("GET", members, Map.of()).body())
                .contains("\"login\": \"frank-meyer\"", "dave-acme", "octo-contractor").doesNotContain("\"email\"");
        assertThat(post("/github/graphql", domainEmails).body())
                .contains("\"login\": \"frank-meyer\"", "frank.meyer@acme-demo.com", "bob@acme-demo.example");
    }

    @Test
    void oktaAdminFactorsResetLeavesAliceWithNoFactor() throws Exception {
        String factors = "/okta/api/v1/users/00ualice000demo00001/factors";
        Map<String, String> okta = Map.of("Authorization", "SSWS sandbox-okta-token");
        assertThat(send("GET", factors, okta).body()).contains("token:software:totp");
        sandbox.drift().switchOn("okta-admin-factors-reset");
        assertThat(send("GET", factors, okta).body().strip()).isEqualTo("[]");
        // bob keeps his
        assertThat(send("GET", "/okta/api/v1/users/00ubob00000demo00002/factors", okta).body()).contains("factorType");
        sandbox.drift().switchOff("okta-admin-factors-reset");
        assertThat(send("GET", factors, okta).body()).contains("token:software:totp");
    }

    private static HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void unknownScenarioIs404() throws Exception {
        HttpResponse<String> r = send("POST", "/__vigil/drift/no-such-drift", Map.of());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("no drift scenario named no-such-drift");
    }

    @Test
    void scenariosLoadFromTheClasspathToo() {
        try (Sandbox fromClasspath = Sandbox.start(0, null)) {
            // the same scenarios as from the folder the other tests read
            assertThat(fromClasspath.drift().names()).isEqualTo(sandbox.drift().names());
        }
    }

    private static HttpResponse<String> send(String method, String path, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
