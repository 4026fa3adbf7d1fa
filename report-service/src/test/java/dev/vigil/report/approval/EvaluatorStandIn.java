package dev.vigil.report.approval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Stands in for the control-evaluator's exceptions and scoping API on a free local port: it keeps what it is sent
 * (as the evaluator's JSON) and answers reads with it, refusing a body without requester or approver as the
 * evaluator does. {@code GET /recorded} lists every write received ("METHOD path?query body"), so a test sees exactly
 * what report-service sent. The real evaluator's side is EvaluatorIT's.
 */
public class EvaluatorStandIn implements QuarkusTestResourceLifecycleManager {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private final Map<String, ObjectNode> exceptions = new LinkedHashMap<>();
    private final Map<String, ObjectNode> scoping = new LinkedHashMap<>();
    private final List<String> recorded = new ArrayList<>();

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/exceptions", ex -> handle(ex, exceptions, "EX-"));
        server.createContext("/api/scoping", ex -> handle(ex, scoping, "SD-"));
        server.createContext("/recorded", ex -> {
            synchronized (this) {
                answer(ex, 200, JSON.writeValueAsString(recorded));
            }
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("vigil.report.evaluator-url", url);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private synchronized void handle(HttpExchange ex, Map<String, ObjectNode> store, String prefix) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        String query = ex.getRequestURI().getRawQuery();
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (!method.equals("GET")) {
            recorded.add(method + " " + path + (query == null ? "" : "?" + query) + (body.isEmpty() ? "" : " " + body));
        }
        Map<String, String> params = params(query);
        switch (method) {
            case "GET" -> {
                ArrayNode list = JSON.createArrayNode();
                store.values().stream().filter(x -> params.get("controlId") == null
                        || params.get("controlId").equals(x.path("controlId").asText())).forEach(list::add);
                answer(ex, 200, list.toString());
            }
            case "POST" -> {
                ObjectNode x = (ObjectNode) JSON.readTree(body);
                if (!x.path("requestedBy").isTextual() || !x.path("approvedBy").isTextual()) {
                    answer(ex, 400, "{\"status\":400,\"error\":\"'approvedBy' is required\"}");
                    return;
                }
                if (prefix.equals("SD-") && store.values().stream().anyMatch(d -> d.path("controlId").equals(
                        x.path("controlId")) && d.path("revokedAt").isNull())) {
                    answer(ex, 409, "{\"status\":409,\"error\":\"" + x.path("controlId").asText()
                            + " is already out of scope; revoke that decision first\"}");
                    return;
                }
                String id = prefix + UUID.randomUUID();
                x.put("id", id);
                x.put("owner", x.path("requestedBy").asText());
                x.put("decidedBy", x.path("requestedBy").asText());
                x.put("createdAt", Instant.now().toString());
                x.put("decidedAt", Instant.now().toString());
                x.put("active", true);
                x.putNull("revokedAt");
                x.putNull("revokedBy");
                x.putNull("revocationApprovedBy");
                store.put(id, x);
                answer(ex, 201, x.toString());
            }
            case "DELETE" -> {
                String key = path.substring(path.lastIndexOf('/') + 1);
                ObjectNode x = prefix.equals("EX-") ? store.get(key) : store.values().stream()
                        .filter(d -> d.path("controlId").asText().equals(key) && d.path("revokedAt").isNull())
                        .findFirst().orElse(null);
                if (x == null) {
                    answer(ex, 404, "{\"status\":404,\"error\":\"not found\"}");
                    return;
                }
                x.put("revokedAt", Instant.now().toString());
                x.put("revokedBy", params.get("revokedBy"));
                x.put("revocationApprovedBy", params.get("approvedBy"));
                x.put("active", false);
                answer(ex, 200, x.toString());
            }
            default -> answer(ex, 405, "{}");
        }
    }

    private static Map<String, String> params(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
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
