package dev.vigil.collector.events.okta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.vigil.collector.config.EventsConfig;
import dev.vigil.collector.events.Challenge;
import dev.vigil.collector.events.Delivery;
import dev.vigil.collector.events.JsonDeliveries;
import dev.vigil.collector.events.Reception;
import dev.vigil.collector.events.Receiver;
import dev.vigil.collector.events.SharedSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * Okta event hooks ({@code <prefix>/okta}). Okta sends the hook's secret in a header of every request
 * ({@link SharedSecrets}), checked before anything else is read. The one-time verification is a GET carrying
 * {@code X-Okta-Verification-Challenge}, answered {@code {"verification": "<that value>"}}; deliveries are POSTs of
 * a CloudEvents-style envelope ({@code eventType} {@code com.okta.event_hook}, {@code eventId}, {@code data.events[]}
 * of System Log events). Okta waits 3 s and retries once, so a delivery is only mapped here and read later
 * ({@link dev.vigil.collector.events.TargetedCollections}); its {@code eventId} is the delivery id the edge
 * remembers, so the retry reads nothing again.
 */
@ApplicationScoped
public class OktaReceiver implements Receiver {
    public static final String PROVIDER = "okta";
    public static final String CHALLENGE_HEADER = "X-Okta-Verification-Challenge";
    static final String ENVELOPE_TYPE = "com.okta.event_hook";

    private final SharedSecrets authorization;
    private final String header;

    @Inject
    public OktaReceiver(EventsConfig.Okta config) {
        this(config.secrets().orElse(List.of()), config.header());
    }

    public OktaReceiver(List<String> secrets, String header) {
        this.authorization = new SharedSecrets(secrets);
        this.header = header;
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public boolean enabled() {
        return authorization.configured();
    }

    /** Okta's documented answers to a delivery are 200 or 204, not 202. */
    @Override
    public int acceptedStatus() {
        return 200;
    }

    /**
     * The one-time verification. Okta sends the hook's authentication header and custom headers with it too (its
     * support article "Unable to verify event hook" shows the GET with {@code Authorization: my-shared-secret}, and
     * the event hooks concept page says the secret comes "in every request"), so a GET without the secret is
     * refused: nobody but the hook's owner can make the URL look like theirs.
     */
    @Override
    public Challenge challenge(Delivery request) {
        String refused = unauthorized(request);
        if (refused != null) {
            return Challenge.rejected(refused);
        }
        String value = request.header(CHALLENGE_HEADER);
        if (value == null || value.isBlank()) {
            return Challenge.none();
        }
        return Challenge.answer(JsonNodeFactory.instance.objectNode().put("verification", value).toString());
    }

    @Override
    public Reception receive(Delivery delivery) {
        String refused = unauthorized(delivery);
        if (refused != null) {
            return Reception.rejected(refused);
        }
        JsonNode envelope;
        try {
            envelope = JsonDeliveries.object(delivery);
        } catch (JsonDeliveries.NotJson e) {
            return Reception.malformed(e.getMessage());
        }
        if (!ENVELOPE_TYPE.equals(envelope.path("eventType").asText())) {
            return Reception.malformed("not an event hook delivery (eventType " + ENVELOPE_TYPE + ")");
        }
        String id = envelope.path("eventId").asText("");
        JsonNode events = envelope.path("data").path("events");
        if (id.isBlank() || !events.isArray()) {
            return Reception.malformed("no eventId or data.events");
        }
        OktaEventTargets.Mapped mapped = OktaEventTargets.of(events);
        return mapped.targets().isEmpty() ? Reception.ignored(id, mapped.eventType(), mapped.ignoredBecause())
                : Reception.accepted(id, mapped.eventType(), mapped.targets());
    }

    /** Why the request is refused (the metric's reason), or null when it carries a configured secret. */
    private String unauthorized(Delivery request) {
        String value = request.header(header);
        if (value == null) {
            return "missing-authorization";
        }
        return authorization.matches(value) ? null : "bad-authorization";
    }
}
