package dev.vigil.collector.events.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.config.EventsConfig;
import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.events.Subscriptions;
import dev.vigil.collector.google.ReportsApi;
import dev.vigil.common.evidence.EventCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Reports API notification channel on the admin audit log. A channel cannot be extended: renewing opens a new
 * one (a new id) and then stops the old, so that the two overlap rather than leave a gap; the old id stays accepted
 * until it is stopped or expires. Google has no call that lists channels, so after a restart Vigil opens a new one
 * and the old one's notifications are refused (401) until it expires.
 */
@ApplicationScoped
public class AdminChannel implements Subscriptions.Subscription {
    private static final Logger LOG = Logger.getLogger(AdminChannel.class);
    public static final String NAME = "google-admin";

    private record Channel(String id, String resourceId, Instant expires) {
    }

    private final ReportsApi api;
    private final String address;
    private final String token;
    private final Duration lifetime;
    /** Channels Vigil opened and has not stopped, by id, with when each expires. */
    private final Map<String, Instant> open = new ConcurrentHashMap<>();
    private volatile Channel current;

    @Inject
    public AdminChannel(EventsConfig.Google events, VigilConfig vigil) {
        this(api(vigil.collectors().google()), events.notificationUrl().orElse(null),
                events.secrets().orElse(List.of()), events.channelLifetime());
    }

    public AdminChannel(ReportsApi api, String address, List<String> secrets, Duration lifetime) {
        this.api = api;
        this.address = address == null || address.isBlank() ? null : address.strip();
        List<String> usable = secrets.stream().filter(s -> !s.isBlank()).toList();
        this.token = usable.isEmpty() ? null : usable.get(usable.size() - 1);
        this.lifetime = lifetime;
    }

    private static ReportsApi api(VigilConfig.Google google) {
        HttpUrl base = HttpUrl.parse(google.directoryUrl());
        if (base == null || google.credentialsFile().isEmpty()) {
            return null;
        }
        // no redirects: one would carry the token elsewhere
        return new ReportsApi(new OkHttpClient.Builder().followRedirects(false).build(), base,
                Path.of(google.credentialsFile().get()), google.subject(), google.tokenUrl().orElse(null));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean enabled() {
        return api != null && address != null && token != null;
    }

    /** Whether a notification's channel is one Vigil opened and has not stopped (nor seen expire). */
    public boolean owns(String channelId) {
        Instant expires = open.get(channelId);
        return expires != null && Instant.now().isBefore(expires);
    }

    public Optional<String> channelId() {
        Channel c = current;
        return c == null ? Optional.empty() : Optional.of(c.id());
    }

    @Override
    public Instant keep(Instant now) throws IOException {
        open.values().removeIf(expires -> !now.isBefore(expires));
        String id = "vigil-" + UUID.randomUUID();
        ObjectNode request = EventCodec.mapper().createObjectNode()
                .put("id", id)
                .put("type", "web_hook")
                .put("address", address)
                .put("token", token)
                .put("expiration", Long.toString(now.plus(lifetime).toEpochMilli()));
        JsonNode answer;
        try {
            // accepted from the moment it is asked for: Google may deliver before it answers
            open.put(id, now.plus(lifetime));
            answer = api.watch(AdminEventTargets.APPLICATION, request, now);
        } catch (IOException e) {
            open.remove(id);
            ObjectNode shown = request.deepCopy().put("token", "(secret)");
            throw new IOException("POST " + api.watchUrl(AdminEventTargets.APPLICATION) + " with " + shown + ": "
                    + e.getMessage(), e);
        }
        Instant expires = expiry(answer, now.plus(lifetime));
        Channel opened = new Channel(id, answer.path("resourceId").asText(""), expires);
        open.put(id, expires);
        Channel old = current;
        current = opened;
        LOG.infof("Reports API channel %s on the admin audit log opened, notifying %s until %s", id, address, expires);
        if (old != null) {
            try {
                api.stop(old.id(), old.resourceId(), now);
                open.remove(old.id());
            } catch (IOException e) {
                // it ends by itself at its expiration; until then its notifications are still read
                LOG.warnf("Reports API channel %s could not be stopped (POST %s with id and resourceId): %s",
                        old.id(), api.stopUrl(), e.getMessage());
            }
        }
        return expires;
    }

    @Override
    public void forget() {
        current = null;
    }

    /** Google's {@code expiration}: milliseconds since the epoch, as a string; what was asked for when absent. */
    private static Instant expiry(JsonNode channel, Instant asked) {
        String ms = channel.path("expiration").asText("");
        return ms.matches("\\d{1,19}") ? Instant.ofEpochMilli(Long.parseLong(ms)) : asked;
    }
}
