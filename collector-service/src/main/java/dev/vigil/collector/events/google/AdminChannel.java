package dev.vigil.collector.events.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.config.EventsConfig;
import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.events.OpenChannels;
import dev.vigil.collector.events.SharedChannels;
import dev.vigil.collector.events.Subscriptions;
import dev.vigil.collector.google.ReportsApi;
import dev.vigil.common.evidence.EventCodec;
import io.agroal.api.AgroalDataSource;
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
import java.util.Optional;
import java.util.UUID;

/**
 * The Reports API notification channel on the admin audit log. A channel cannot be extended: renewing opens a new
 * one (a new id) and then stops the old, so that the two overlap rather than leave a gap; the old id stays accepted
 * until it is stopped or expires. The open channels are kept in PostgreSQL, so that whichever instance a notification
 * reaches recognises a channel the instance keeping the subscriptions opened. Google has no call that lists channels,
 * so after a restart or a takeover Vigil opens a new one; the old one is accepted until it expires, and a change
 * notified on both is read twice meanwhile.
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
    /** Channels Vigil opened and has not stopped, with when each expires: shared by the instances. */
    private final OpenChannels open;
    private volatile Channel current;

    @Inject
    public AdminChannel(EventsConfig.Google events, VigilConfig vigil, AgroalDataSource db) {
        this(api(vigil.collectors().google()), events.notificationUrl().orElse(null),
                events.secrets().orElse(List.of()), events.channelLifetime(), new SharedChannels(db, NAME));
    }

    /** One instance alone: the channels in its memory. */
    public AdminChannel(ReportsApi api, String address, List<String> secrets, Duration lifetime) {
        this(api, address, secrets, lifetime, OpenChannels.inMemory());
    }

    public AdminChannel(ReportsApi api, String address, List<String> secrets, Duration lifetime, OpenChannels open) {
        this.api = api;
        this.open = open;
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
        return open.isOpen(channelId, Instant.now());
    }

    public Optional<String> channelId() {
        Channel c = current;
        return c == null ? Optional.empty() : Optional.of(c.id());
    }

    @Override
    public Instant keep(Instant now) throws IOException {
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
            open.opened(id, now.plus(lifetime));
            answer = api.watch(AdminEventTargets.APPLICATION, request, now);
        } catch (IOException e) {
            open.closed(id);
            ObjectNode shown = request.deepCopy().put("token", "(secret)");
            throw new IOException("POST " + api.watchUrl(AdminEventTargets.APPLICATION) + " with " + shown + ": "
                    + e.getMessage(), e);
        }
        Instant expires = expiry(answer, now.plus(lifetime));
        Channel opened = new Channel(id, answer.path("resourceId").asText(""), expires);
        open.opened(id, expires);
        Channel old = current;
        current = opened;
        LOG.infof("Reports API channel %s on the admin audit log opened, notifying %s until %s", id, address, expires);
        if (old != null) {
            try {
                api.stop(old.id(), old.resourceId(), now);
                open.closed(old.id());
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
