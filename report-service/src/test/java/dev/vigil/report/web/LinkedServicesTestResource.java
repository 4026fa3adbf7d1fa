package dev.vigil.report.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Stands in for collector-service and control-evaluator on a free local port (the JDK's HTTP server), serving
 * their JSON as they do to report-service's service credential, and points the dashboard at it.
 */
public class LinkedServicesTestResource implements QuarkusTestResourceLifecycleManager {
    static final String RUNS = """
            [{"runId":"run-live","collector":"github-repositories","source":"vigil://github/acme","state":"PROGRESS",
              "startedAt":"2026-11-23T10:05:00Z","finishedAt":null,"counts":{"github.repository":12},"failures":[],
              "apiCalls":{"counted":3}},
             {"runId":"run-partial","collector":"aws-iam","source":"vigil://aws/123456789012","state":"PARTIAL",
              "startedAt":"2026-11-23T10:00:00Z","finishedAt":"2026-11-23T10:00:09Z","counts":{"aws.iam.user":7},
              "failures":[{"resourceType":"aws.iam.credential-report","resourceKey":null,"reason":"AccessDenied",
                           "missingPermission":"iam:GenerateCredentialReport"}]},
             {"runId":"run-ok","collector":"aws-iam","source":"vigil://aws/123456789012","state":"COMPLETED",
              "startedAt":"2026-11-23T09:00:00Z","finishedAt":"2026-11-23T09:00:08Z","counts":{"aws.iam.user":7},
              "failures":[]}]
            """;
    static final String EXCEPTIONS = """
            [{"id":"EX-7d1f","controlId":"LS-07","resourceKey":"aws:kms:eu-west-1:key/1111","owner":"dana@acme.example",
              "justification":"Legacy key, retired with the Q1 migration","createdAt":"2026-11-01T09:00:00Z",
              "expiresAt":"2027-02-01T00:00:00Z","active":true,"revokedAt":null,"revokedBy":null}]
            """;

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/collections", ex -> answer(ex, RUNS));
        // The evaluator filters by control; so does this stand-in, so the page shows only what it asked for.
        server.createContext("/api/exceptions", ex -> answer(ex,
                "controlId=LS-07".equals(ex.getRequestURI().getQuery()) ? EXCEPTIONS : "[]"));
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("vigil.report.collector-url", url, "vigil.report.evaluator-url", url);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** report-service's test client credential (application.properties, %test.vigil.access.client.*). */
    static final String REPORT_CREDENTIAL = "Basic " + java.util.Base64.getEncoder().encodeToString(
            "report:test-report-secret".getBytes(StandardCharsets.UTF_8));

    /** Like the real services, answers only a caller with a service credential it accepts (docs/access.md). */
    private static void answer(HttpExchange ex, String body) throws IOException {
        if (!REPORT_CREDENTIAL.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            ex.getResponseHeaders().add("WWW-Authenticate", "basic");
            ex.sendResponseHeaders(401, -1);
            ex.close();
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
