package dev.vigil.report.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Stands in for the control-evaluator's {@code GET /api/resources?type=…&facts=true&inScope=true} on a free local port, answering the
 * accounts a test sets with {@link #collected} (what a collection shows now). The test talks to it over HTTP
 * ({@code PUT /accounts}), as the other stand-ins do: the test resource and the test may live in different class
 * loaders, so a static field would not be shared. The real evaluator's side is CampaignControlsIT's.
 */
public class AccountsStandIn implements QuarkusTestResourceLifecycleManager {
    private static final ObjectMapper JSON = new ObjectMapper();
    private volatile List<Map<String, Object>> accounts = List.of();
    private HttpServer server;

    /** What the next read of the evaluator answers: as a collection that shows these accounts. */
    static void collected(List<CollectedAccount> now) {
        String url = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("vigil.report.evaluator-url", String.class);
        io.restassured.RestAssured.given().contentType("application/json")
                .body(now.stream().map(a -> Map.<String, Object>of("resourceType", a.resourceType(), "source",
                        a.source(), "resourceKey", a.resourceKey(), "inScope", true, "evidenceId", a.evidenceId(),
                        "observedAt", "2026-12-01T00:00:00Z", "facts", a.facts())).toList())
                .put(url + "/accounts").then().statusCode(204);
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/accounts", ex -> {
            accounts = JSON.readValue(ex.getRequestBody(), new com.fasterxml.jackson.core.type.TypeReference<>() {
            });
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.createContext("/api/resources", ex -> {
            String query = ex.getRequestURI().getRawQuery();
            if (query == null || !query.contains("facts=true") || !query.contains("inScope=true")) {
                ex.sendResponseHeaders(400, -1); // campaigns read the accounts in scope now, with their facts
                ex.close();
                return;
            }
            List<Map<String, Object>> answer = accounts.stream()
                    .filter(a -> query.contains("type=" + a.get("resourceType"))).toList();
            byte[] body = JSON.writeValueAsString(answer).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        return Map.of("vigil.report.evaluator-url", "http://127.0.0.1:" + server.getAddress().getPort(),
                "vigil.reviews.owners.github", "engineer",
                "vigil.reviews.owners.\"github:acme/payments\"", "admin");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
