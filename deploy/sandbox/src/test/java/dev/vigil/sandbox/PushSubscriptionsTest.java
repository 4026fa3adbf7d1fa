package dev.vigil.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Graph and Google deliver where collector-service subscribed: Graph creates a subscription only after its validation
 * request was answered with the token, and notifies with the subscription's id and clientState; Google's channel
 * sends its sync message at once and then the drift scenario's activity, numbered, with the channel's token.
 */
class PushSubscriptionsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String SUBSCRIPTION = "7f105c7d-2dc5-4530-97cd-4e7ae6534c07";

    record Received(String path, String query, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private Sandbox sandbox;
    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** Whether the receiver answers Graph's validation request with the token, as it must. */
    private volatile boolean echoesValidation = true;

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            try (exchange) {
                String query = exchange.getRequestURI().getRawQuery();
                received.add(new Received(exchange.getRequestURI().getPath(), query,
                        Map.copyOf(exchange.getRequestHeaders()),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                if (query != null && query.startsWith("validationToken=")) {
                    byte[] token = URLDecoder.decode(query.substring("validationToken=".length()), StandardCharsets.UTF_8)
                            .getBytes(StandardCharsets.UTF_8);
                    if (!echoesValidation) {
                        exchange.sendResponseHeaders(401, -1);
                        return;
                    }
                    exchange.getResponseHeaders().add("Content-Type", "text/plain");
                    exchange.sendResponseHeaders(200, token.length);
                    exchange.getResponseBody().write(token);
                    return;
                }
                exchange.sendResponseHeaders(exchange.getRequestURI().getPath().endsWith("/google") ? 200 : 202, -1);
            }
        });
        receiver.start();
        sandbox = Sandbox.start(0);
    }

    @AfterEach
    void stop() {
        sandbox.close();
        receiver.stop(0);
    }

    private String hooks(String provider) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/" + provider;
    }

    @Test
    void graphValidatesTheUrlThenNotifiesItWithTheSubscriptionsClientState() throws Exception {
        HttpResponse<String> created = subscribe(hooks("entra"));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(received).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("/hooks/entra");
            assertThat(v.query()).startsWith("validationToken=Validation");
            assertThat(v.body()).isEmpty();
        });
        received.clear();
        HttpResponse<String> held = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl()
                + PushSubscriptions.PATH)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(held.body()).path("graph").path("id").asText()).isEqualTo(SUBSCRIPTION);
        assertThat(held.body()).doesNotContain("a-client-state");

        List<ProviderEvents.Delivery> on = sandbox.drift().switchOn("entra-leaver-reenabled");
        assertThat(on).singleElement().satisfies(d -> {
            assertThat(d.provider()).isEqualTo("entra");
            assertThat(d.eventType()).isEqualTo("users.updated");
            assertThat(d.status()).isEqualTo(202);
        });
        Received notification = received.get(0);
        assertThat(notification.path()).isEqualTo("/hooks/entra");
        assertThat(notification.header("User-Agent")).isEqualTo("Microsoft-Notifications");
        JsonNode value = JSON.readTree(notification.body()).path("value").get(0);
        assertThat(value.path("clientState").asText()).isEqualTo("a-client-state");
        assertThat(value.path("subscriptionId").asText()).isEqualTo(SUBSCRIPTION);
        assertThat(value.path("resourceData").path("id").asText()).isEqualTo("c4e8a0b2-3333-4d5e-9f0a-2b3c4d5e6f70");
        assertThat(notification.body()).doesNotContain("${");
        // Graph names no delivery: the receiver's digest of the body is what the switch reports
        assertThat(on.get(0).deliveryId()).isEqualTo("sha256:" + ProviderEvents.sha256(notification.body()));

        // what a targeted read then finds: frank enabled again
        HttpResponse<String> frank = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.prefixedUrl(
                        Sandbox.Provider.MICROSOFT_GRAPH) + "/v1.0/users/c4e8a0b2-3333-4d5e-9f0a-2b3c4d5e6f70"))
                .header("Authorization", "Bearer sandbox-graph-token").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(frank.body()).path("accountEnabled").asBoolean()).isTrue();
    }

    @Test
    void graphRefusesASubscriptionWhoseValidationIsNotAnswered() throws Exception {
        echoesValidation = false;

        HttpResponse<String> refused = subscribe(hooks("entra"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(refused.body()).path("error").path("message").asText())
                .contains("Subscription validation request failed");
        assertThat(sandbox.pushSubscriptions().graph()).isEmpty();
        assertThat(sandbox.drift().switchOn("entra-leaver-reenabled")).singleElement()
                .satisfies(d -> assertThat(d.outcome()).contains("not sent", "no Graph subscription"));
    }

    @Test
    void aGoogleChannelSyncsAtOnceThenPushesTheActivityNumberedWithItsToken() throws Exception {
        HttpResponse<String> watch = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.prefixedUrl(Sandbox.Provider.GOOGLE)
                        + "/admin/reports/v1/activity/users/all/applications/admin/watch"))
                .header("Authorization", "Bearer sandbox-google-token").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\": \"vigil-channel-1\", \"type\": \"web_hook\", "
                        + "\"address\": \"" + hooks("google") + "\", \"token\": \"a-channel-token\", "
                        + "\"expiration\": \"1796000000000\"}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(watch.statusCode()).as(watch.body()).isEqualTo(200);
        // the sync came before the answer
        assertThat(received).singleElement().satisfies(sync -> {
            assertThat(sync.header("X-Goog-Resource-State")).isEqualTo("sync");
            assertThat(sync.header("X-Goog-Message-Number")).isEqualTo("1");
            assertThat(sync.header("X-Goog-Channel-ID")).isEqualTo("vigil-channel-1");
            assertThat(sync.header("X-Goog-Channel-Token")).isEqualTo("a-channel-token");
            assertThat(sync.header("X-Goog-Channel-Expiration")).endsWith("GMT");
        });
        received.clear();

        List<ProviderEvents.Delivery> on = sandbox.drift().switchOn("google-leaver-unsuspended");
        assertThat(on).singleElement().satisfies(d -> {
            assertThat(d.eventType()).isEqualTo("admin.UNSUSPEND_USER");
            assertThat(d.deliveryId()).isEqualTo("vigil-channel-1:2");
            assertThat(d.status()).isEqualTo(200);
        });
        Received push = received.get(0);
        assertThat(push.header("X-Goog-Channel-Token")).isEqualTo("a-channel-token");
        assertThat(push.header("X-Goog-Resource-State")).isEqualTo("UNSUSPEND_USER");
        assertThat(push.header("X-Goog-Resource-ID")).isEqualTo("sAnDb0xReS0urCe1d-adm1n");
        JsonNode event = JSON.readTree(push.body()).path("events").get(0);
        assertThat(event.path("parameters").get(0).path("value").asText()).isEqualTo("jules.martin@acme-demo.com");

        assertThat(sandbox.drift().switchOff("google-leaver-unsuspended")).singleElement()
                .satisfies(d -> assertThat(d.deliveryId()).isEqualTo("vigil-channel-1:3"));
    }

    private HttpResponse<String> subscribe(String notificationUrl) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.prefixedUrl(Sandbox.Provider.MICROSOFT_GRAPH)
                        + "/v1.0/subscriptions"))
                .header("Authorization", "Bearer sandbox-graph-token").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"changeType\": \"updated,deleted\", \"notificationUrl\": \""
                        + notificationUrl + "\", \"lifecycleNotificationUrl\": \"" + notificationUrl + "\", "
                        + "\"resource\": \"users\", \"expirationDateTime\": \"2026-12-05T00:00:00Z\", "
                        + "\"clientState\": \"a-client-state\"}")).build(), HttpResponse.BodyHandlers.ofString());
    }
}
