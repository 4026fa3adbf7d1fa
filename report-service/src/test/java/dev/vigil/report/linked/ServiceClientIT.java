package dev.vigil.report.linked;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.access.ClientCredential;
import dev.vigil.common.evidence.RunFailure;
import dev.vigil.report.linked.CollectionRun;
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
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's client of the other services against a real HTTP server (the JDK's, on a free local port): the
 * collector's run JSON as it is served, and every way of not getting it, each told apart in the message a page
 * shows.
 */
class ServiceClientIT {
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

    private HttpServer server;
    private URI base;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/collections", ex -> answer(ex, 200, RUNS));
        server.createContext("/whoami", ex -> answer(ex, 200,
                "[\"" + ex.getRequestHeaders().getFirst("Authorization") + "\"]"));
        server.createContext("/broken", ex -> answer(ex, 200, "{\"not\": \"a list\"}"));
        server.createContext("/down", ex -> answer(ex, 503, "{\"error\":\"starting\"}"));
        server.createContext("/slow", ex -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(ex, 200, "[]");
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** Under the 3 s of /slow, and long enough for a cold first request on a busy machine. */
    private ServiceClient client(URI collector) {
        return new ServiceClient(json, new LinkedServicesConfig(collector, collector, Duration.ofMillis(2000)),
                ClientCredential.of("report", "report-secret"));
    }

    @Test
    void sendsThisServicesCredentialOnEveryCall() {
        ServiceClient.Answer<List<String>> seen = client(base).getList(base, "/whoami", String.class);
        assertThat(seen.value()).containsExactly("Basic " + java.util.Base64.getEncoder()
                .encodeToString("report:report-secret".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsTheCollectorsRuns() {
        ServiceClient.Answer<List<CollectionRun>> runs = client(base).getList(base, "/api/collections",
                CollectionRun.class);

        assertThat(runs.unavailable()).isNull();
        assertThat(runs.value()).containsExactly(
                new CollectionRun("r-2", "aws-iam", "vigil://aws/123456789012", "PROGRESS",
                        Instant.parse("2026-11-23T10:05:00Z"), null, Map.of("aws.iam.user", 7L), List.of()),
                new CollectionRun("r-1", "aws-iam", "vigil://aws/123456789012", "PARTIAL",
                        Instant.parse("2026-11-23T10:00:00Z"), Instant.parse("2026-11-23T10:00:09.5Z"),
                        Map.of("aws.iam.user", 7L), List.of(new RunFailure("aws.iam.credential-report", null,
                        "AccessDenied", "iam:GenerateCredentialReport"))));
    }

    @Test
    void everyFailureIsAnAnswerNamingTheUrlAndTheCause() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        URI nobody = URI.create("http://127.0.0.1:" + closedPort);

        assertThat(client(base).getList(base, "/down", CollectionRun.class).unavailable())
                .isEqualTo(base + "/down answered HTTP 503");
        assertThat(client(base).getList(base, "/broken", CollectionRun.class).unavailable())
                .startsWith(base + "/broken could not be read: ");
        assertThat(client(base).getList(base, "/slow", CollectionRun.class).unavailable())
                .startsWith(base + "/slow could not be read: ").containsIgnoringCase("timed out");
        ServiceClient.Answer<List<CollectionRun>> refused = client(nobody).getList(nobody, "/api/collections",
                CollectionRun.class);
        assertThat(refused.ok()).isFalse();
        assertThat(refused.value()).isNull();
        assertThat(refused.unavailable()).startsWith(nobody + "/api/collections could not be read: ");
    }

    private static void answer(com.sun.net.httpserver.HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
