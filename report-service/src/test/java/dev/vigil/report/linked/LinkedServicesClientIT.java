package dev.vigil.report.linked;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.access.ClientCredential;
import dev.vigil.common.evidence.RunFailure;
import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * report-service's REST Clients of the other services ({@link LinkedServices}) against a real HTTP server (the JDK's,
 * on a free local port) that serves collector-service's and the evaluator's JSON at the root of the host and under a
 * path prefix: what they read and write, the credential every request carries, and every way of not getting an
 * answer, each told apart in the message a page shows. A {@code @QuarkusTest} because the REST Clients are generated
 * when the application is built.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class LinkedServicesClientIT {
    /** collector-service's RunSummary, with the fields this service does not read (apiCalls) included. */
    private static final String RUNS = """
            [{"runId":"r-2","collector":"aws-iam","source":"vigil://aws/123456789012","state":"PROGRESS",
              "startedAt":"2026-11-23T10:05:00Z","finishedAt":null,"counts":{"aws.iam.user":7},"failures":[],
              "apiCalls":{"counted":3,"conditional":0,"remaining":null}},
             {"runId":"r-1","collector":"aws-iam","source":"vigil://aws/123456789012","state":"PARTIAL",
              "startedAt":"2026-11-23T10:00:00Z","finishedAt":"2026-11-23T10:00:09.5Z","counts":{"aws.iam.user":7},
              "failures":[{"resourceType":"aws.iam.credential-report","resourceKey":null,"reason":"AccessDenied",
                           "missingPermission":"iam:GenerateCredentialReport"}],
              "apiCalls":{"counted":4,"conditional":1,"remaining":null}}]
            """;
    private static final String EXCEPTIONS = """
            [{"id":"EX-1","controlId":"LS-07","resourceKey":null,"requestedBy":"ann","approvedBy":"bob",
              "justification":"retired in Q1","createdAt":"2026-11-01T09:00:00Z","expiresAt":"2027-02-01T00:00:00Z",
              "active":true,"revokedAt":null,"revokedBy":null,"revocationApprovedBy":null,"unknownField":1}]
            """;
    private static final String SCOPING = """
            [{"id":"SD-1","controlId":"DS-04","justification":"no mobile devices","requestedBy":"ann",
              "approvedBy":"bob","decidedAt":"2026-11-02T09:00:00Z","revokedAt":null}]
            """;
    private static final String CREDENTIAL = "Basic " + Base64.getEncoder()
            .encodeToString("report:report-secret".getBytes(StandardCharsets.UTF_8));

    private record Served(int status, String body) {
    }

    @Inject
    ObjectMapper json;

    private HttpServer server;
    private URI root;
    /** Every request the server received: "METHOD path?query [Authorization] body". */
    private final List<String> received = new CopyOnWriteArrayList<>();
    /** What the server answers, by path below the root or the prefix. */
    private final Map<String, Served> answers = new ConcurrentHashMap<>();
    /** How long the server waits before it answers (a slow service). */
    private volatile long delayMillis;

    @BeforeEach
    void start() throws IOException {
        answers.put("/api/collections", new Served(200, RUNS));
        answers.put("/api/exceptions", new Served(200, EXCEPTIONS));
        answers.put("/api/scoping", new Served(200, SCOPING));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
        root = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath().replaceFirst("^/under/a/prefix", "");
        String query = ex.getRequestURI().getRawQuery();
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath() + (query == null ? "" : "?" + query)
                + " [" + ex.getRequestHeaders().getFirst("Authorization") + "]" + (body.isEmpty() ? "" : " " + body));
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Served answer = answers.getOrDefault(path, new Served(404, "{\"error\":\"no such path " + path + "\"}"));
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Both services at {@code base}; 2 s: under a slow answer's 3 s, and long enough for a cold first request. */
    private LinkedServices services(URI base) {
        return new LinkedServices(new LinkedServicesConfig(base, base, Duration.ofMillis(2000)),
                ClientCredential.of("report", "report-secret"), json);
    }

    @Test
    void readsTheCollectorsRunsAndTheEvaluatorsDecisionsAtTheRootOfAHostAndUnderAPath() {
        for (URI base : List.of(root, URI.create(root + "/under/a/prefix"), URI.create(root + "/under/a/prefix/"))) {
            received.clear();
            LinkedServices services = services(base);

            LinkedServices.Answer<List<CollectionRun>> runs = services.collectionRuns();
            assertThat(runs.unavailable()).as(base.toString()).isNull();
            assertThat(runs.value()).containsExactly(
                    new CollectionRun("r-2", "aws-iam", "vigil://aws/123456789012", "PROGRESS",
                            Instant.parse("2026-11-23T10:05:00Z"), null, Map.of("aws.iam.user", 7L), List.of()),
                    new CollectionRun("r-1", "aws-iam", "vigil://aws/123456789012", "PARTIAL",
                            Instant.parse("2026-11-23T10:00:00Z"), Instant.parse("2026-11-23T10:00:09.5Z"),
                            Map.of("aws.iam.user", 7L), List.of(new RunFailure("aws.iam.credential-report", null,
                            "AccessDenied", "iam:GenerateCredentialReport"))));
            assertThat(services.exceptions("LS-07").value()).singleElement().satisfies(x -> {
                assertThat(x.id()).isEqualTo("EX-1");
                assertThat(x.requester()).isEqualTo("ann");
                assertThat(x.expiresAt()).isEqualTo(Instant.parse("2027-02-01T00:00:00Z"));
            });
            assertThat(services.exceptions(null).ok()).isTrue();
            assertThat(services.scopingDecisions().value()).singleElement()
                    .satisfies(d -> assertThat(d.active()).isTrue());

            String prefix = base.getPath().replaceFirst("/$", "");
            assertThat(received).as("what %s received, each with report-service's credential", base).containsExactly(
                    "GET " + prefix + "/api/collections [" + CREDENTIAL + "]",
                    "GET " + prefix + "/api/exceptions?controlId=LS-07 [" + CREDENTIAL + "]",
                    "GET " + prefix + "/api/exceptions [" + CREDENTIAL + "]",
                    "GET " + prefix + "/api/scoping [" + CREDENTIAL + "]");
        }
    }

    @Test
    void everyFailedReadIsAnAnswerNamingTheUrlAndTheCause() throws IOException {
        answers.put("/api/collections", new Served(503, "{\"error\":\"starting\"}"));
        assertThat(services(root).collectionRuns().unavailable())
                .isEqualTo(root + "/api/collections answered HTTP 503");

        answers.put("/api/collections", new Served(200, "{\"not\": \"a list\"}"));
        assertThat(services(root).collectionRuns().unavailable())
                .startsWith(root + "/api/collections could not be read: ");

        answers.put("/api/scoping", new Served(200, "<html>a proxy's page</html>"));
        assertThat(services(root).scopingDecisions().unavailable())
                .startsWith(root + "/api/scoping could not be read: ");

        URI elsewhere = URI.create(root + "/elsewhere");
        assertThat(services(elsewhere).exceptions("CM-01").unavailable()).as("a path the server does not serve")
                .isEqualTo(elsewhere + "/api/exceptions?controlId=CM-01 answered HTTP 404");

        delayMillis = 3000;
        assertThat(services(root).collectionRuns().unavailable())
                .startsWith(root + "/api/collections could not be read: timed out after 2000 ms");
        delayMillis = 0;

        URI nobody = URI.create("http://127.0.0.1:" + closedPort());
        LinkedServices.Answer<List<CollectionRun>> refused = services(nobody).collectionRuns();
        assertThat(refused.ok()).isFalse();
        assertThat(refused.value()).isNull();
        assertThat(refused.unavailable()).startsWith(nobody + "/api/collections could not be read: ")
                .containsIgnoringCase("refused");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aWriteSaysWhatTheServiceAnsweredWithItsOwnErrorMessage() throws IOException {
        LinkedServices services = services(URI.create(root + "/under/a/prefix"));
        Map<String, Object> exception = new LinkedHashMap<>();
        exception.put("controlId", "LS-07");
        exception.put("requestedBy", "ann");
        exception.put("approvedBy", "bob");

        answers.put("/api/exceptions", new Served(201, "{\"id\":\"EX-2\",\"controlId\":\"LS-07\"}"));
        LinkedServices.Reply created = services.recordException(exception);
        assertThat(created.ok()).isTrue();
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().path("id").asText()).isEqualTo("EX-2");
        assertThat(created.error()).isNull();

        answers.put("/api/scoping", new Served(409, "{\"status\":409,\"error\":\"DS-04 is already out of scope\"}"));
        LinkedServices.Reply conflict = services.recordScopingDecision(Map.of("controlId", "DS-04"));
        assertThat(conflict.ok()).isFalse();
        assertThat(conflict.refused()).isTrue();
        assertThat(conflict.error()).isEqualTo("POST " + root + "/under/a/prefix/api/scoping answered HTTP 409: "
                + "DS-04 is already out of scope");

        answers.put("/api/exceptions/EX-2", new Served(500, "the evaluator broke"));
        LinkedServices.Reply broken = services.revokeException("EX-2", "ann", "bob");
        assertThat(broken.refused()).isFalse();
        assertThat(broken.status()).isEqualTo(500);
        assertThat(broken.error()).isEqualTo("DELETE " + root + "/under/a/prefix/api/exceptions/EX-2"
                + "?revokedBy=ann&approvedBy=bob answered HTTP 500: the evaluator broke");

        answers.put("/api/scoping/DS-04", new Served(200, ""));
        LinkedServices.Reply revoked = services.revokeScopingDecision("DS-04", "ann", "bob");
        assertThat(revoked.ok()).isTrue();
        assertThat(revoked.body().isNull()).isTrue();

        assertThat(received).containsExactly(
                "POST /under/a/prefix/api/exceptions [" + CREDENTIAL + "] "
                        + "{\"controlId\":\"LS-07\",\"requestedBy\":\"ann\",\"approvedBy\":\"bob\"}",
                "POST /under/a/prefix/api/scoping [" + CREDENTIAL + "] {\"controlId\":\"DS-04\"}",
                "DELETE /under/a/prefix/api/exceptions/EX-2?revokedBy=ann&approvedBy=bob [" + CREDENTIAL + "]",
                "DELETE /under/a/prefix/api/scoping/DS-04?revokedBy=ann&approvedBy=bob [" + CREDENTIAL + "]");

        URI nobody = URI.create("http://127.0.0.1:" + closedPort());
        LinkedServices.Reply unreachable = services(nobody).recordException(exception);
        assertThat(unreachable.status()).isZero();
        assertThat(unreachable.ok()).isFalse();
        assertThat(unreachable.refused()).isFalse();
        assertThat(unreachable.error()).startsWith("POST " + nobody + "/api/exceptions could not be reached: ");
    }
}
