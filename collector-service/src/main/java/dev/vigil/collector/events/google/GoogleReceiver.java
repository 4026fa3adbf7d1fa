package dev.vigil.collector.events.google;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.config.EventsConfig;
import dev.vigil.collector.events.Delivery;
import dev.vigil.collector.events.JsonDeliveries;
import dev.vigil.collector.events.Reception;
import dev.vigil.collector.events.Receiver;
import dev.vigil.collector.events.SharedSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.function.Predicate;

/**
 * Admin SDK Reports API push notifications ({@code POST <prefix>/google}) of the channel Vigil opened on the admin
 * audit log ({@link AdminChannel}). Google signs nothing: the channel's token comes back in
 * {@code X-Goog-Channel-Token}, compared with the configured secrets ({@link SharedSecrets}) before anything else,
 * and the channel id ({@code X-Goog-Channel-ID}) must be one Vigil opened. The first message of a channel is
 * {@code X-Goog-Resource-State: sync}, with no activity; later ones carry an activity as their body. Channel id and
 * {@code X-Goog-Message-Number} together are the delivery id.
 */
@ApplicationScoped
public class GoogleReceiver implements Receiver {
    public static final String PROVIDER = "google";
    public static final String TOKEN_HEADER = "X-Goog-Channel-Token";

    private final SharedSecrets secrets;
    private final Predicate<String> ownChannel;

    @Inject
    public GoogleReceiver(EventsConfig.Google config, AdminChannel channel) {
        this(config.secrets().orElse(List.of()), channel::owns);
    }

    public GoogleReceiver(List<String> secrets, Predicate<String> ownChannel) {
        this.secrets = new SharedSecrets(secrets);
        this.ownChannel = ownChannel;
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
        String token = delivery.header(TOKEN_HEADER);
        if (token == null) {
            return Reception.rejected("missing-token");
        }
        if (!secrets.matches(token)) {
            return Reception.rejected("bad-token");
        }
        String channel = delivery.header("X-Goog-Channel-ID");
        if (channel == null || !ownChannel.test(channel)) {
            return Reception.rejected("unknown-channel");
        }
        String state = delivery.header("X-Goog-Resource-State");
        String number = delivery.header("X-Goog-Message-Number");
        if (state == null || number == null || !number.matches("\\d{1,20}")) {
            return Reception.malformed("no X-Goog-Resource-State or X-Goog-Message-Number");
        }
        String id = channel + ":" + number;
        if ("sync".equals(state)) {
            return Reception.ping(id);
        }
        JsonNode activity;
        try {
            activity = JsonDeliveries.object(delivery);
        } catch (JsonDeliveries.NotJson e) {
            return Reception.malformed(e.getMessage());
        }
        AdminEventTargets.Mapped mapped = AdminEventTargets.of(activity);
        return mapped.targets().isEmpty() ? Reception.ignored(id, mapped.eventType(), mapped.ignoredBecause())
                : Reception.accepted(id, mapped.eventType(), mapped.targets());
    }
}
