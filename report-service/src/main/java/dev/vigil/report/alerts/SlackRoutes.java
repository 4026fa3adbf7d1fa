package dev.vigil.report.alerts;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which Slack incoming webhook an alert goes to: the route of its control, else of its trust category, else the
 * default webhook, else none (the alert is recorded but not sent). Webhook URLs are secrets: a {@link Route}
 * prints as its name and host only.
 */
public final class SlackRoutes {
    private final URI defaultWebhook;
    private final Map<String, URI> routes;

    /**
     * @param defaultWebhook the default webhook, or null
     * @param routes         webhooks by control id (e.g. {@code CM-11}) or category code (e.g. {@code LS})
     */
    public SlackRoutes(URI defaultWebhook, Map<String, URI> routes) {
        this.defaultWebhook = defaultWebhook == null ? null : checked(defaultWebhook, "default");
        TreeMap<String, URI> copy = new TreeMap<>();
        routes.forEach((k, v) -> copy.put(k, checked(v, k)));
        this.routes = copy;
    }

    /** A webhook and the name it is logged and recorded under. */
    public record Route(String name, URI webhook) {
        /** For logs and the alert history: the route and the webhook's host, never the URL (it is the secret). */
        public String describe() {
            return name + " (" + webhook.getHost() + ")";
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    public Optional<Route> route(String controlId, String category) {
        URI byControl = routes.get(controlId);
        if (byControl != null) {
            return Optional.of(new Route("control " + controlId, byControl));
        }
        URI byCategory = category == null ? null : routes.get(category);
        if (byCategory != null) {
            return Optional.of(new Route("category " + category, byCategory));
        }
        return defaultRoute();
    }

    public Optional<Route> defaultRoute() {
        return Optional.ofNullable(defaultWebhook).map(w -> new Route("default", w));
    }

    /** The configured routes (control ids and category codes), each with its webhook's host only. */
    public Map<String, String> describeRoutes() {
        TreeMap<String, String> described = new TreeMap<>();
        routes.forEach((k, v) -> described.put(k, v.getHost()));
        return described;
    }

    public Set<String> routeKeys() {
        return routes.keySet();
    }

    private static URI checked(URI webhook, String name) {
        String scheme = webhook.getScheme();
        if (!("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme)) || webhook.getHost() == null) {
            // The URL itself is not repeated: it may be a valid secret with a typo in it.
            throw new IllegalArgumentException("Slack webhook of route '" + name + "' is not an http(s) URL with a host");
        }
        return webhook;
    }
}
