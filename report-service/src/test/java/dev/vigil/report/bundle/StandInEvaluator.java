package dev.vigil.report.bundle;

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
 * Stands in for the control evaluator's bundle API on a free local port (the JDK's HTTP server): no evidence, no
 * ledger records, no risk acceptances, as the evaluator answers for an organisation with nothing recorded. The
 * bundle's status history comes from report-service's own PostgreSQL. One control, {@link #CUT_CONTROL}, fails for
 * {@link #CUT_COUNT} IAM users in every status: the evaluator's complete list, served page by page.
 */
public class StandInEvaluator implements QuarkusTestResourceLifecycleManager {
    public static final String CUT_CONTROL = "LS-16";
    public static final int CUT_COUNT = 2_345;
    private HttpServer server;

    /** The i-th failing resource of {@link #CUT_CONTROL}, in the evaluator's order. */
    public static dev.vigil.common.evidence.FailingResource failing(int i) {
        return new dev.vigil.common.evidence.FailingResource("aws:111122223333:iam:user/user-%05d".formatted(i),
                "aws.iam.user", "aws.iam.console-user-mfa", "user-%05d signs in without MFA".formatted(i),
                "sha256:" + "a".repeat(64), java.time.Instant.parse("2026-01-01T00:00:00Z"), null);
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/evidence", ex -> answer(ex, "{\"items\":[],\"nextAfter\":null}"));
        server.createContext("/api/ledger", ex -> answer(ex, "{\"records\":[],\"nextAfter\":null}"));
        server.createContext("/api/ledger/decisions", ex -> answer(ex, "[]"));
        server.createContext("/api/exceptions", ex -> answer(ex, "[]"));
        server.createContext("/api/controls/", StandInEvaluator::failingResources);
        server.start();
        return Map.of("vigil.bundles.evaluator-url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** GET /api/controls/{id}/failing-resources?offset=&limit=[&evaluatedAt=], as the evaluator pages it. */
    private static void failingResources(HttpExchange ex) throws IOException {
        if (!ex.getRequestURI().getPath().equals("/api/controls/" + CUT_CONTROL + "/failing-resources")) {
            answer(ex, 404, "{\"status\":404,\"error\":\"no status of this control was published\"}");
            return;
        }
        Map<String, String> query = new java.util.HashMap<>();
        for (String pair : ex.getRequestURI().getQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        int offset = Integer.parseInt(query.getOrDefault("offset", "0"));
        int limit = Integer.parseInt(query.getOrDefault("limit", "1000"));
        java.util.List<dev.vigil.common.evidence.FailingResource> page = new java.util.ArrayList<>();
        for (int i = offset; i < Math.min(CUT_COUNT, offset + limit); i++) {
            page.add(failing(i));
        }
        int next = offset + page.size();
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("controlId", CUT_CONTROL);
        body.put("failingResourceCount", CUT_COUNT);
        body.put("offset", offset);
        body.put("failingResources", page);
        body.put("nextOffset", next < CUT_COUNT && !page.isEmpty() ? next : null);
        answer(ex, 200, dev.vigil.common.evidence.EventCodec.mapper().writeValueAsString(body));
    }

    private static void answer(HttpExchange ex, String body) throws IOException {
        answer(ex, 200, body);
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
