package dev.vigil.collector.events.entra;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.config.EventsConfig;
import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.events.Delivery;
import dev.vigil.collector.events.JsonDeliveries;
import dev.vigil.collector.events.Reception;
import dev.vigil.collector.events.Receiver;
import dev.vigil.collector.events.SharedSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Microsoft Graph change notifications for users ({@code POST <prefix>/entra}), lifecycle notifications included.
 * <ul>
 * <li>Validation: when a subscription is created, Graph POSTs {@code ?validationToken=<token>} and expects the
 * decoded token back, 200 {@code text/plain}, within 10 s. It carries no secret, so anyone can ask; the answer only
 * repeats what was asked.</li>
 * <li>Notifications: Graph signs nothing (without rich notifications); every notification carries the
 * subscription's {@code clientState}, compared with the configured secrets ({@link SharedSecrets}), and its
 * {@code subscriptionId}, which must be the one Vigil holds once it knows it. The secret is inside the JSON body, so
 * the body is parsed (within the edge's size limit) before it is verified; nothing is done with it before.</li>
 * </ul>
 * Graph sends no delivery id: a digest of the body stands for it, so that Graph's retry of the same delivery reads
 * nothing again.
 */
@ApplicationScoped
public class EntraReceiver implements Receiver {
    public static final String PROVIDER = "entra";
    static final int MAX_TOKEN = 1024;

    /** What Graph's lifecycle notifications ask for, each for a subscription id. */
    public interface Lifecycle {
        /** {@code reauthorizationRequired}: renew now. */
        void reauthorize(String subscriptionId);

        /** {@code subscriptionRemoved}: make a new subscription. */
        void removed(String subscriptionId);

        /** {@code missed}: some notifications were not delivered; read everything. */
        void missed(String subscriptionId);
    }

    private final SharedSecrets secrets;
    private final Predicate<String> ownSubscription;
    private final Lifecycle lifecycle;
    private final String tenantId;

    @Inject
    public EntraReceiver(EventsConfig.Entra config, VigilConfig vigil, EntraUsersSubscription subscription,
                         EntraLifecycle lifecycle) {
        this(config.secrets().orElse(List.of()), subscription::owns, lifecycle, vigil.collectors().entra().tenantId());
    }

    /** @param ownSubscription whether a subscription id is one Vigil holds (true while it knows none) */
    public EntraReceiver(List<String> secrets, Predicate<String> ownSubscription, Lifecycle lifecycle,
                         String tenantId) {
        this.secrets = new SharedSecrets(secrets);
        this.ownSubscription = ownSubscription;
        this.lifecycle = lifecycle;
        this.tenantId = tenantId;
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public boolean enabled() {
        return secrets.configured();
    }

    @Override
    public Reception receive(Delivery delivery) {
        String token = delivery.queryParameter("validationToken");
        if (token != null) {
            return token.isBlank() || token.length() > MAX_TOKEN
                    ? Reception.malformed("validationToken is empty or longer than " + MAX_TOKEN)
                    : Reception.validation(token);
        }
        JsonNode payload;
        try {
            payload = JsonDeliveries.object(delivery);
        } catch (JsonDeliveries.NotJson e) {
            // not told apart from a bad secret: nothing verified it came from Graph
            return Reception.rejected("missing-client-state");
        }
        JsonNode notifications = payload.path("value");
        if (!notifications.isArray() || notifications.isEmpty()) {
            return Reception.rejected("missing-client-state");
        }
        // every notification must carry a secret: one forged among genuine ones refuses the delivery
        for (JsonNode n : notifications) {
            JsonNode state = n.get("clientState");
            if (state == null || !state.isTextual()) {
                return Reception.rejected("missing-client-state");
            }
            if (!secrets.matches(state.asText())) {
                return Reception.rejected("bad-client-state");
            }
            if (!ownSubscription.test(n.path("subscriptionId").asText(""))) {
                return Reception.rejected("unknown-subscription");
            }
        }
        String id = deliveryId(delivery.body());
        Set<String> lifecycleEvents = lifecycle(notifications);
        EntraNotificationTargets.Mapped mapped = EntraNotificationTargets.of(notifications, tenantId);
        if (!lifecycleEvents.isEmpty() && mapped.eventType().isEmpty()) {
            return Reception.ignored(id, String.join(",", lifecycleEvents), "a lifecycle notification: "
                    + "the subscription is renewed, made again or everything read, as it asks");
        }
        return mapped.targets().isEmpty() ? Reception.ignored(id, mapped.eventType(), mapped.ignoredBecause())
                : Reception.accepted(id, mapped.eventType(), mapped.targets());
    }

    /** Acts on the verified lifecycle notifications; returns them as event types ({@code lifecycle.missed}). */
    private Set<String> lifecycle(JsonNode notifications) {
        Set<String> events = new LinkedHashSet<>();
        for (JsonNode n : notifications) {
            String event = n.path("lifecycleEvent").asText("");
            String subscription = n.path("subscriptionId").asText("");
            switch (event) {
                case "" -> {
                    continue;
                }
                case "reauthorizationRequired" -> lifecycle.reauthorize(subscription);
                case "subscriptionRemoved" -> lifecycle.removed(subscription);
                case "missed" -> lifecycle.missed(subscription);
                default -> {
                    // a lifecycle event Graph adds later: verified, counted, nothing to do yet
                }
            }
            events.add("lifecycle." + event);
        }
        return events;
    }

    /** A digest of the body: Graph retries a delivery with the same body, and names none. */
    static String deliveryId(byte[] body) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JDK", e);
        }
    }

}
