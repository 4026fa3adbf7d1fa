package dev.vigil.collector.events.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.config.EventsConfig;
import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.events.Delivery;
import dev.vigil.collector.events.JsonDeliveries;
import dev.vigil.collector.events.Reception;
import dev.vigil.collector.events.Receiver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * GitHub organisation webhooks and GitHub App webhook deliveries ({@code POST <prefix>/github}, content type
 * {@code application/json}). The signature is checked first ({@link GitHubSignature}); a delivery signed with none
 * of the configured secrets is rejected unread. GitHub signs no time, so its replay defence is the delivery id
 * ({@code X-GitHub-Delivery}), remembered by the edge.
 */
@ApplicationScoped
public class GitHubReceiver implements Receiver {
    public static final String PROVIDER = "github";

    private final List<String> secrets;
    private final String organization;

    @Inject
    public GitHubReceiver(EventsConfig.GitHub config, VigilConfig vigil) {
        this(config.secrets().orElse(List.of()), vigil.collectors().github().organization());
    }

    public GitHubReceiver(List<String> secrets, String organization) {
        this.secrets = secrets.stream().filter(s -> !s.isBlank()).toList();
        this.organization = organization;
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public boolean enabled() {
        return !secrets.isEmpty();
    }

    @Override
    public Reception receive(Delivery delivery) {
        String signature = delivery.header(GitHubSignature.HEADER);
        if (signature == null) {
            return Reception.rejected("missing-signature");
        }
        if (!GitHubSignature.matches(delivery.body(), signature, secrets)) {
            return Reception.rejected("bad-signature");
        }
        String event = delivery.header("X-GitHub-Event");
        String id = delivery.header("X-GitHub-Delivery");
        if (event == null || id == null || id.isBlank()) {
            return Reception.malformed("no X-GitHub-Event or X-GitHub-Delivery header");
        }
        if ("ping".equals(event)) {
            return Reception.ping(id);
        }
        JsonNode payload;
        try {
            payload = JsonDeliveries.object(delivery);
        } catch (JsonDeliveries.NotJson e) {
            return Reception.malformed(e.getMessage());
        }
        GitHubEventTargets.Mapped mapped = GitHubEventTargets.of(event, payload, organization);
        return mapped.targets().isEmpty() ? Reception.ignored(id, mapped.eventType(), mapped.ignoredBecause())
                : Reception.accepted(id, mapped.eventType(), mapped.targets());
    }
}
