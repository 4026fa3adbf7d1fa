package dev.vigil.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

/**
 * The push subscriptions collector-service makes at the sandbox, kept as Microsoft Graph and Google keep them, so that
 * a drift scenario's change can be pushed to where the subscriber asked ({@link ProviderEvents}):
 * <ul>
 * <li>{@code POST .../v1.0/subscriptions}: Graph first sends the validation request to the notification URL (and to
 * the lifecycle notification URL) and creates the subscription only when the decoded token comes back, 200, within
 * 10 s; otherwise it answers 400. The subscription's URL, {@code clientState} and id are kept.</li>
 * <li>{@code POST .../applications/admin/watch}: Google opens the channel and sends its first message,
 * {@code X-Goog-Resource-State: sync}, at once (it may arrive before the watch is answered). The channel's address,
 * token and ids are kept.</li>
 * </ul>
 * Only addresses on this machine are called: the sandbox runs offline, so a public notification URL (as tests that
 * never receive use) is taken as given, without the validation Graph would do.
 *
 * <p>The stubs ({@code mappings/entra/subscriptions-create.json}, {@code mappings/google/reports-watch.json}) name this
 * transformer ({@value #TRANSFORMER}) beside WireMock's response templating, which writes the answer.
 * {@code GET /__vigil/subscriptions} shows what is held (without the secrets), so a demo or a test can see that
 * collector-service has subscribed before it switches a scenario.
 */
public final class PushSubscriptions implements ResponseDefinitionTransformerV2 {
    static final String TRANSFORMER = "vigil-push-subscriptions";
    public static final String PATH = "/__vigil/subscriptions";
    /** Graph waits this long for the validation answer. */
    static final Duration GRAPH_VALIDATION_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    /** A Graph subscription as created: where it notifies and the {@code clientState} every notification carries. */
    public record GraphSubscription(String id, URI notificationUrl, String clientState, String expiration) {
    }

    /** A Reports API channel as opened; {@link #nextMessage()} numbers its messages as Google does, from 1. */
    public record GoogleChannel(String id, String resourceId, String resourceUri, URI address, String token,
                                String expiration, AtomicLong messages) {
        long nextMessage() {
            return messages.incrementAndGet();
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private volatile GraphSubscription graph;
    private volatile GoogleChannel google;

    /** The Graph subscription made last, if any. */
    public Optional<GraphSubscription> graph() {
        return Optional.ofNullable(graph);
    }

    /** The Reports API channel opened last, if any. */
    public Optional<GoogleChannel> google() {
        return Optional.ofNullable(google);
    }

    /** Serves {@value #PATH} from the started server. */
    void attach(WireMockServer server) {
        server.stubFor(WireMock.get(WireMock.urlPathEqualTo(PATH)).atPriority(1)
                .willReturn(WireMock.aResponse().withTransformers(TRANSFORMER)));
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        if (event.getRequest().getUrl().startsWith(PATH)) {
            return held();
        }
        ResponseDefinition answer = event.getResponseDefinition();
        JsonNode request;
        try {
            request = JSON.readTree(event.getRequest().getBodyAsString());
        } catch (IOException e) {
            return answer; // the stub matched on the body's JSON paths: it is JSON
        }
        String path = event.getRequest().getUrl();
        return path.contains("/subscriptions") ? graphSubscription(request, answer) : googleWatch(request, answer);
    }

    private ResponseDefinition graphSubscription(JsonNode request, ResponseDefinition answer) {
        URI notificationUrl = URI.create(request.path("notificationUrl").asText());
        String lifecycleUrl = request.path("lifecycleNotificationUrl").asText("");
        for (String url : lifecycleUrl.isEmpty() || lifecycleUrl.equals(notificationUrl.toString())
                ? new String[] {notificationUrl.toString()} : new String[] {notificationUrl.toString(), lifecycleUrl}) {
            String failure = validate(URI.create(url));
            if (failure != null) {
                return graphError(failure);
            }
        }
        JsonNode created = answerJson(answer);
        graph = new GraphSubscription(created.path("id").asText(), notificationUrl,
                request.path("clientState").asText(null), request.path("expirationDateTime").asText());
        return answer;
    }

    /** Graph's validation request; null when answered as Graph requires, else what went wrong. */
    private String validate(URI url) {
        if (!onThisMachine(url)) {
            return null;
        }
        String token = "Validation: Testing client application reachability for subscription Request-Id: "
                + UUID.randomUUID();
        String query = "validationToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        URI validation = URI.create(url + (url.getRawQuery() == null ? "?" : "&") + query);
        HttpRequest request = HttpRequest.newBuilder(validation).timeout(GRAPH_VALIDATION_TIMEOUT)
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || !token.equals(response.body())) {
                return "POST " + url + "?validationToken=... answered " + response.statusCode()
                        + (token.equals(response.body()) ? "" : " without the token");
            }
            return null;
        } catch (IOException e) {
            return "POST " + url + "?validationToken=... failed: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private ResponseDefinition googleWatch(JsonNode request, ResponseDefinition answer) {
        JsonNode opened = answerJson(answer);
        String resourceId = opened.path("resourceId").asText();
        String resourceUri = opened.path("resourceUri").asText();
        GoogleChannel channel = new GoogleChannel(request.path("id").asText(), resourceId, resourceUri,
                URI.create(request.path("address").asText()), request.path("token").asText(null),
                request.path("expiration").asText(""), new AtomicLong());
        google = channel;
        if (onThisMachine(channel.address())) {
            sync(channel);
        }
        return answer;
    }

    /** The channel's first message, which carries no activity; its answer is Google's business only. */
    private void sync(GoogleChannel channel) {
        try {
            http.send(googleMessage(channel, "sync", channel.nextMessage())
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            // Google retries a sync it could not deliver; nothing of the demo depends on it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A message of the channel as Google sends it: the channel's and resource's headers, no body yet. */
    static HttpRequest.Builder googleMessage(GoogleChannel channel, String state, long number) {
        HttpRequest.Builder request = HttpRequest.newBuilder(channel.address()).timeout(Duration.ofSeconds(10))
                .header("User-Agent", "APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)")
                .header("X-Goog-Channel-ID", channel.id())
                .header("X-Goog-Message-Number", Long.toString(number))
                .header("X-Goog-Resource-ID", channel.resourceId())
                .header("X-Goog-Resource-State", state)
                .header("X-Goog-Resource-URI", channel.resourceUri());
        if (channel.token() != null) {
            request.header("X-Goog-Channel-Token", channel.token());
        }
        if (channel.expiration().matches("\\d{1,19}")) {
            request.header("X-Goog-Channel-Expiration",
                    RFC_1123.format(Instant.ofEpochMilli(Long.parseLong(channel.expiration()))));
        }
        return request;
    }

    /** What is held, its secrets left out. */
    private ResponseDefinition held() {
        ObjectNode body = JSON.createObjectNode();
        GraphSubscription g = graph;
        if (g != null) {
            body.putObject("graph").put("id", g.id()).put("notificationUrl", g.notificationUrl().toString())
                    .put("expirationDateTime", g.expiration()).put("clientStateSet", g.clientState() != null);
        }
        GoogleChannel c = google;
        if (c != null) {
            body.putObject("google").put("id", c.id()).put("resourceId", c.resourceId())
                    .put("address", c.address().toString()).put("expiration", c.expiration())
                    .put("messagesSent", c.messages().get()).put("tokenSet", c.token() != null);
        }
        return responseDefinition().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(body + "\n").build();
    }

    /** The stub's answer as JSON, whether templating has run before this transformer or not. */
    private static JsonNode answerJson(ResponseDefinition answer) {
        try {
            // WireMock's own JsonNode is a shaded Jackson's: read its text with ours
            String text = answer.getJsonBody() != null ? answer.getJsonBody().toString() : answer.getBody();
            return text == null ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    /**
     * Whether the URL names this machine: {@code localhost} or a loopback address literal. Never a name lookup, which
     * for a public name on an offline machine would hold the subscription's answer until it times out.
     */
    static boolean onThisMachine(URI url) {
        String host = url.getHost();
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+|\\[[0-9a-fA-F:.]+]")) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress(); // a literal: parsed, not looked up
        } catch (IOException e) {
            return false;
        }
    }

    private static ResponseDefinition graphError(String why) {
        String body = JSON.createObjectNode().set("error", JSON.createObjectNode()
                .put("code", "InvalidRequest")
                .put("message", "Subscription validation request failed. Notification endpoint must respond with "
                        + "200 OK to validation request.")
                .set("innerError", JSON.createObjectNode().put("sandbox", why)
                        .put("date", Instant.now().toString())
                        .put("request-id", UUID.randomUUID().toString()))).toString();
        return responseDefinition().withStatus(400)
                .withHeader("Content-Type", "application/json;odata.metadata=minimal;odata.streaming=true;"
                        + "IEEE754Compatible=false;charset=utf-8")
                .withBody(body).build();
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return TRANSFORMER;
    }
}
