package dev.vigil.report.generated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Stands in for the control-evaluator's {@code GET /api/coverage} and {@code GET /api/resources?type=&facts=true}
 * on a free local port, answering with the evaluator's JSON as recorded in {@code generated/coverage.json} and
 * {@code generated/resources.json} (its resources filtered by type, as the evaluator does; without {@code facts=true}
 * the facts are left out, as the evaluator does). The real evaluator's side is EvaluatorIT's.
 */
public class EvaluatorResourcesStandIn implements QuarkusTestResourceLifecycleManager {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        JsonNode coverage = read("generated/coverage.json");
        JsonNode resources = read("generated/resources.json");
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/coverage", ex -> answer(ex, coverage.toString()));
        server.createContext("/api/resources", ex -> {
            Map<String, String> params = params(ex.getRequestURI().getRawQuery());
            ArrayNode out = JSON.createArrayNode();
            for (JsonNode r : resources) {
                if (params.get("type") == null || params.get("type").equals(r.path("resourceType").asText())) {
                    JsonNode copy = r.deepCopy();
                    if (!"true".equals(params.get("facts"))) {
                        ((com.fasterxml.jackson.databind.node.ObjectNode) copy).putNull("facts");
                    }
                    out.add(copy);
                }
            }
            answer(ex, out.toString());
        });
        server.start();
        return Map.of("vigil.report.evaluator-url", "http://127.0.0.1:" + server.getAddress().getPort(),
                // the test asks for generation itself; the timer would race it
                "vigil.report.generated.initial-delay", "1h");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static JsonNode read(String resource) {
        try (InputStream in = EvaluatorResourcesStandIn.class.getClassLoader().getResourceAsStream(resource)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void answer(HttpExchange ex, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> params(String query) {
        Map<String, String> params = new HashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return params;
    }
}
