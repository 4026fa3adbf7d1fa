package dev.vigil.collector.events.entra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.config.EventsConfig;
import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.entra.GraphApi;
import dev.vigil.collector.events.Subscriptions;
import dev.vigil.collector.http.ProviderHttpException;
import dev.vigil.common.evidence.EventCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import okhttp3.HttpUrl;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Graph subscription to the tenant's users ({@code resource: users}, {@code changeType: updated,deleted}), with
 * the Entra receiver's public URL for notifications and lifecycle notifications and the newest secret as its
 * {@code clientState}. Held in memory: after a restart it lists {@code GET /subscriptions} and takes over the one
 * notifying the same URL (renewing it), or creates one. Graph validates the URL while it creates the subscription
 * ({@link EntraReceiver} answers), so the receiver must be reachable before this runs.
 */
@ApplicationScoped
public class EntraUsersSubscription implements Subscriptions.Subscription {
    private static final Logger LOG = Logger.getLogger(EntraUsersSubscription.class);
    public static final String NAME = "entra-users";
    /** Graph's longest subscription to users: 41760 minutes (29 days); a little less, for clock differences. */
    static final Duration MAX_LIFETIME = Duration.ofMinutes(41760 - 60);

    private final GraphApp graph;
    private final String notificationUrl;
    private final String clientState;
    private final Duration lifetime;
    /** Ids of the subscriptions Vigil holds; notifications of others are refused once one is known. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private volatile String id;

    @Inject
    public EntraUsersSubscription(EventsConfig.Entra events, VigilConfig vigil) {
        this(GraphApp.of(vigil.collectors().entra()), events.notificationUrl().orElse(null),
                events.secrets().orElse(List.of()), events.subscriptionLifetime());
    }

    public EntraUsersSubscription(GraphApp graph, String notificationUrl, List<String> secrets, Duration lifetime) {
        this.graph = graph;
        this.notificationUrl = notificationUrl == null || notificationUrl.isBlank() ? null : notificationUrl.strip();
        List<String> usable = secrets.stream().filter(s -> !s.isBlank()).toList();
        this.clientState = usable.isEmpty() ? null : usable.get(usable.size() - 1);
        this.lifetime = lifetime.compareTo(MAX_LIFETIME) > 0 ? MAX_LIFETIME : lifetime;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean enabled() {
        return graph != null && notificationUrl != null && clientState != null;
    }

    /** Whether a notification's subscription is one Vigil holds; any, while it knows none yet (just restarted). */
    public boolean owns(String subscriptionId) {
        return held.isEmpty() || held.contains(subscriptionId);
    }

    /** The subscription held, if any. */
    public Optional<String> id() {
        return Optional.ofNullable(id);
    }

    @Override
    public Instant keep(Instant now) throws IOException {
        GraphApi api = graph.signIn();
        if (id == null) {
            id = existing(api);
        }
        String expiration = now.plus(lifetime).toString();
        if (id != null) {
            ObjectNode renewal = EventCodec.mapper().createObjectNode().put("expirationDateTime", expiration);
            try {
                JsonNode answer = call(api, "PATCH", api.url("subscriptions/" + id), renewal);
                held.add(id);
                return expiry(answer, now);
            } catch (IOException e) {
                if (!(e.getCause() instanceof ProviderHttpException p && p.notFound())) {
                    throw e;
                }
                LOG.warnf("Graph subscription %s is gone (%s): making a new one", id, e.getMessage());
                held.remove(id);
                id = null;
            }
        }
        ObjectNode request = EventCodec.mapper().createObjectNode()
                .put("changeType", "updated,deleted")
                .put("notificationUrl", notificationUrl)
                .put("lifecycleNotificationUrl", notificationUrl)
                .put("resource", "users")
                .put("expirationDateTime", expiration)
                .put("clientState", clientState)
                .put("latestSupportedTlsVersion", "v1_2");
        JsonNode created = call(api, "POST", api.url("subscriptions"), request);
        String newId = created.path("id").asText("");
        if (newId.isEmpty()) {
            throw new IOException("POST " + api.url("subscriptions") + " answered no subscription id: " + created);
        }
        id = newId;
        held.add(newId);
        LOG.infof("Graph subscription %s to users made, notifying %s", newId, notificationUrl);
        return expiry(created, now);
    }

    @Override
    public void forget() {
        String was = id;
        id = null;
        if (was != null) {
            held.remove(was);
        }
    }

    /** The subscription (to users) notifying our URL, made before a restart; null when there is none. */
    private String existing(GraphApi api) throws IOException {
        JsonNode list = call(api, "GET", api.url("subscriptions"), null);
        for (JsonNode s : list.path("value")) {
            if (notificationUrl.equals(s.path("notificationUrl").asText())
                    && "users".equalsIgnoreCase(s.path("resource").asText())) {
                LOG.infof("Graph subscription %s notifying %s found: taking it over", s.path("id").asText(),
                        notificationUrl);
                return s.path("id").asText();
            }
        }
        return null;
    }

    /** One call; a failure names what was sent (never the clientState) and what Graph answered. */
    private static JsonNode call(GraphApi api, String method, HttpUrl url, ObjectNode body) throws IOException {
        try {
            return api.send(method, url, body);
        } catch (IOException e) {
            String sent = "";
            if (body != null) {
                ObjectNode shown = body.deepCopy();
                if (shown.has("clientState")) {
                    shown.put("clientState", "(secret)");
                }
                sent = " with " + shown;
            }
            throw new IOException(method + " " + url + sent + ": " + e.getMessage(), e);
        }
    }

    private static Instant expiry(JsonNode subscription, Instant now) throws IOException {
        String at = subscription.path("expirationDateTime").asText("");
        try {
            return java.time.OffsetDateTime.parse(at).toInstant();
        } catch (DateTimeParseException e) {
            throw new IOException("Graph answered a subscription without a readable expirationDateTime: " + at, e);
        }
    }
}
