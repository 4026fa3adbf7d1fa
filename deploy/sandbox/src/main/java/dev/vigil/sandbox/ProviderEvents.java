package dev.vigil.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * What the providers send when a drift scenario changes what they serve: GitHub's signed organisation webhook,
 * Okta's event hook call, the EventBridge event AWS puts on the queue, Microsoft Graph's change notification and
 * Google's Reports API push, and a record of Entra ID's directory audit log (where authentication-method changes are
 * written, which Graph notifies nobody of). A scenario declares them as files {@code drift/<scenario>/events/on/*.json}
 * (sent when it is switched on) and {@code .../off/*.json} (when off), each {@code {"provider": "github" | "okta" |
 * "aws" | "entra" | "google" | "entra-audit", "event": <GitHub's X-GitHub-Event>, "why": ..., "payload": {...}}}; {@code ${id}},
 * {@code ${eventId}}, {@code ${requestId}} and {@code ${now}} in a payload become a fresh id and the time of sending,
 * so every delivery is a new one, as the provider's would be.
 *
 * <p>GitHub and Okta deliveries go to the receivers' prefix of collector-service ({@link Receivers#hooksUrl}), signed
 * with the demo's secrets as the provider signs them; an AWS event is put on the sandbox's own queue
 * ({@link DemoEventQueue}), which collector-service long-polls as it would poll SQS. Graph and Google deliver where
 * collector-service subscribed at the sandbox ({@link PushSubscriptions}), with what it registered there: Graph's
 * {@code ${subscriptionId}} and {@code ${clientState}}, Google's channel id, token and message number. Every delivery
 * is kept in {@link #recent()} with its outcome ({@code GET /__vigil/deliveries}), so the demo and the latency
 * benchmark can see when each was sent and what the receiver answered.
 */
public final class ProviderEvents {
    /** How many deliveries {@link #recent()} keeps. */
    static final int KEPT = 2_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String NO_RECEIVER = "no receiver configured (VIGIL_SANDBOX_HOOKS_URL)";
    private static final char[] ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    /**
     * Where and how the providers deliver: the receivers' prefix of collector-service
     * ({@code http://127.0.0.1:8081/hooks}; null: GitHub and Okta deliver nowhere) and the secrets the demo
     * configures on both sides (collector-service's {@code %demo} profile).
     */
    public record Receivers(URI hooksUrl, String githubSecret, String oktaSecret) {
        public static final String DEMO_GITHUB_SECRET = "sandbox-webhook-secret";
        public static final String DEMO_OKTA_SECRET = "sandbox-okta-hook-secret";

        /** From the environment: {@code VIGIL_SANDBOX_HOOKS_URL} and the two secrets, each defaulting to the demo's. */
        public static Receivers fromEnvironment() {
            String hooks = System.getenv("VIGIL_SANDBOX_HOOKS_URL");
            return new Receivers(hooks == null || hooks.isBlank() ? null : URI.create(hooks),
                    env("VIGIL_SANDBOX_GITHUB_WEBHOOK_SECRET", DEMO_GITHUB_SECRET),
                    env("VIGIL_SANDBOX_OKTA_HOOK_SECRET", DEMO_OKTA_SECRET));
        }

        public static Receivers none() {
            return new Receivers(null, DEMO_GITHUB_SECRET, DEMO_OKTA_SECRET);
        }

        /** The receiver of one provider: {@code <hooks>/github}, resolved, never concatenated. */
        URI of(String provider) {
            String base = hooksUrl.toString().endsWith("/") ? hooksUrl.toString() : hooksUrl + "/";
            return URI.create(base).resolve(provider);
        }

        private static String env(String name, String otherwise) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? otherwise : value;
        }
    }

    /**
     * One event sent: when, by which provider, as which event and delivery id, and what came back ({@code status}
     * the receiver's HTTP status, 0 when it could not be reached or, for AWS, {@code queued}).
     */
    public record Delivery(String scenario, String provider, String eventType, String deliveryId, Instant sentAt,
                           int status, String outcome) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final DemoEventQueue queue;
    private final PushSubscriptions subscriptions;
    private final DemoDirectoryAudits audits;
    private final Deque<Delivery> recent = new ArrayDeque<>();
    private volatile Receivers receivers;

    ProviderEvents(DemoEventQueue queue, PushSubscriptions subscriptions, DemoDirectoryAudits audits,
                   Receivers receivers) {
        this.queue = queue;
        this.subscriptions = subscriptions;
        this.audits = audits;
        this.receivers = receivers;
    }

    /** Points GitHub's and Okta's deliveries at another collector-service (a test's, started after the sandbox). */
    public void deliverTo(Receivers receivers) {
        this.receivers = receivers;
    }

    public Receivers receivers() {
        return receivers;
    }

    /** Sends each of the scenario's events for this switch (the files' JSON), in order; returns what happened. */
    List<Delivery> send(String scenario, List<String> declarations) {
        List<Delivery> sent = new ArrayList<>();
        for (String declaration : declarations) {
            Delivery delivery = send(scenario, declaration);
            synchronized (recent) {
                recent.addLast(delivery);
                while (recent.size() > KEPT) {
                    recent.removeFirst();
                }
            }
            sent.add(delivery);
        }
        return sent;
    }

    /** The last deliveries, oldest first. */
    public List<Delivery> recent() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    private Delivery send(String scenario, String declaration) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String id = UUID.randomUUID().toString();
        JsonNode event;
        try {
            event = JSON.readTree(declaration);
        } catch (IOException e) {
            throw new IllegalStateException("an event of drift scenario " + scenario + " is not JSON: " + e.getMessage(), e);
        }
        String provider = event.path("provider").asText();
        JsonNode payload = event.path("payload"); // the placeholders are in ids and times, never in what is read here
        String body = payload.toString()
                .replace("${id}", id)
                .replace("${eventId}", UUID.randomUUID().toString())
                .replace("${requestId}", randomAlphanumeric(16))
                .replace("${now}", now.toString());
        return switch (provider) {
            case "github" -> github(scenario, event.path("event").asText(), payload.path("action").asText(""), id, body,
                    now);
            case "okta" -> okta(scenario, eventTypes(payload), id, body, now);
            case "aws" -> aws(scenario, payload.path("detail"), id, body, now);
            case "entra" -> entra(scenario, payload.path("value"), body, now);
            case "google" -> google(scenario, payload, body, now);
            case "entra-audit" -> new Delivery(scenario, "entra-audit", "directoryAudit."
                    + payload.path("activityDisplayName").asText(), id, now, 0,
                    "written to the directory audit log as record " + audits.write(body));
            default -> throw new IllegalStateException("drift scenario " + scenario + " declares an event of provider '"
                    + provider + "'; known: github, okta, aws, entra, google, entra-audit");
        };
    }

    /** As GitHub delivers an organisation webhook: its event and delivery headers, the body signed with HMAC-SHA256. */
    private Delivery github(String scenario, String event, String action, String id, String body, Instant now) {
        String eventType = action.isEmpty() ? event : event + "." + action;
        Receivers to = receivers;
        if (to.hooksUrl() == null) {
            return notSent(scenario, "github", eventType, id, now, NO_RECEIVER);
        }
        HttpRequest request = HttpRequest.newBuilder(to.of("github"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("User-Agent", "GitHub-Hookshot/5f3c2a1")
                .header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", id)
                .header("X-GitHub-Hook-ID", "512000001")
                .header("X-GitHub-Hook-Installation-Target-Type", "organization")
                .header("X-GitHub-Hook-Installation-Target-ID", "90000001")
                .header("X-Hub-Signature-256", "sha256=" + hmacSha256(to.githubSecret(), body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return post(scenario, "github", eventType, id, request, now);
    }

    /** As Okta calls an event hook: the hook's secret in the Authorization header, the eventId as delivery id. */
    private Delivery okta(String scenario, String eventType, String id, String body, Instant now) {
        Receivers to = receivers;
        if (to.hooksUrl() == null) {
            return notSent(scenario, "okta", eventType, id, now, NO_RECEIVER);
        }
        HttpRequest request = HttpRequest.newBuilder(to.of("okta"))
                .timeout(Duration.ofSeconds(3)) // Okta waits 3 s for an answer
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Authorization", to.oktaSecret())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return post(scenario, "okta", eventType, id, request, now);
    }

    /** As EventBridge puts a CloudTrail event on the queue the rule targets. */
    private Delivery aws(String scenario, JsonNode detail, String id, String body, Instant now) {
        String eventType = detail.path("eventSource").asText().replace(".amazonaws.com", "") + "."
                + detail.path("eventName").asText();
        String messageId = queue.put(body);
        return new Delivery(scenario, "aws", eventType, id, now, 0, "queued as message " + messageId);
    }

    /**
     * As Graph delivers change notifications: to the subscription's notification URL, each carrying its id and
     * {@code clientState} ({@code ${subscriptionId}}, {@code ${clientState}} in the declaration). Graph names no
     * delivery: the receiver takes a digest of the body for its id, and so does this.
     */
    private Delivery entra(String scenario, JsonNode notifications, String body, Instant now) {
        List<String> types = new ArrayList<>();
        notifications.forEach(n -> types.add("users." + n.path("changeType").asText()));
        String eventType = String.join(",", types);
        var held = subscriptions.graph().filter(s -> s.clientState() != null);
        if (held.isEmpty()) {
            return notSent(scenario, "entra", eventType, "", now, "collector-service holds no Graph subscription here "
                    + "(vigil.events.entra.notification-url)");
        }
        String filled = body.replace("${subscriptionId}", jsonText(held.get().id()))
                .replace("${clientState}", jsonText(held.get().clientState()))
                .replace("${subscriptionExpiration}", jsonText(held.get().expiration()));
        HttpRequest request = HttpRequest.newBuilder(held.get().notificationUrl())
                .timeout(Duration.ofSeconds(3)) // Graph takes a notification as failed after 3 s
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "Microsoft-Notifications")
                .POST(HttpRequest.BodyPublishers.ofString(filled, StandardCharsets.UTF_8))
                .build();
        return post(scenario, "entra", eventType, "sha256:" + sha256(filled), request, now);
    }

    /**
     * As Google pushes an admin audit activity on the channel Vigil opened: to its address with the channel's token
     * and the next message number ({@code <channel>:<number>} is the delivery id the receiver names).
     */
    private Delivery google(String scenario, JsonNode activity, String body, Instant now) {
        List<String> names = new ArrayList<>();
        activity.path("events").forEach(e -> names.add(e.path("name").asText()));
        String eventType = names.stream().map(n -> activity.path("id").path("applicationName").asText() + "." + n)
                .reduce((a, b) -> a + "," + b).orElse("");
        var channel = subscriptions.google();
        if (channel.isEmpty()) {
            return notSent(scenario, "google", eventType, "", now, "collector-service opened no Reports API channel "
                    + "here (vigil.events.google.notification-url)");
        }
        long number = channel.get().nextMessage();
        HttpRequest request = PushSubscriptions.googleMessage(channel.get(), names.isEmpty() ? "" : names.get(0), number)
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return post(scenario, "google", eventType, channel.get().id() + ":" + number, request, now);
    }

    private Delivery post(String scenario, String provider, String eventType, String id, HttpRequest request,
                          Instant now) {
        try {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Delivery(scenario, provider, eventType, id, now, answer.statusCode(),
                    "POST " + request.uri() + " answered " + answer.statusCode());
        } catch (IOException e) {
            return new Delivery(scenario, provider, eventType, id, now, 0,
                    "POST " + request.uri() + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Delivery(scenario, provider, eventType, id, now, 0, "interrupted");
        }
    }

    private static Delivery notSent(String scenario, String provider, String eventType, String id, Instant now,
                                    String why) {
        return new Delivery(scenario, provider, eventType, id, now, 0, "not sent: " + why);
    }

    /** A value as the inside of a JSON string, for a placeholder between quotes. */
    private static String jsonText(String value) {
        try {
            String quoted = JSON.writeValueAsString(value == null ? "" : value);
            return quoted.substring(1, quoted.length() - 1);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String body) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The types of an Okta delivery's System Log events, comma-separated, as the receiver names them. */
    private static String eventTypes(JsonNode payload) {
        List<String> types = new ArrayList<>();
        payload.path("data").path("events").forEach(e -> types.add(e.path("eventType").asText()));
        return String.join(",", types);
    }

    static String hmacSha256(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomAlphanumeric(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHANUMERIC[RANDOM.nextInt(ALPHANUMERIC.length)];
        }
        return new String(out);
    }
}
