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
 * bundle's status history comes from report-service's own PostgreSQL.
 */
public class StandInEvaluator implements QuarkusTestResourceLifecycleManager {
    private HttpServer server;

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
        server.start();
        return Map.of("vigil.bundles.evaluator-url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static void answer(HttpExchange ex, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
