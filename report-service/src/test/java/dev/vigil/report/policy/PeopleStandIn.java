package dev.vigil.report.policy;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Stands in for the control-evaluator's {@code GET /api/people} on a free local port: answers {@link #people} as
 * the evaluator's JSON, or 503 while {@link #down} is set. The real evaluator's side is PolicyControlsIT's.
 */
public class PeopleStandIn implements QuarkusTestResourceLifecycleManager {
    static volatile String people = "[]";
    static volatile boolean down;

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/people", ex -> {
            byte[] body = (down ? "{\"error\":\"down for the test\"}" : people).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(down ? 503 : 200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return Map.of("vigil.report.evaluator-url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
