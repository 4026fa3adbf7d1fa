package dev.vigil.report.alerts;

import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.common.catalogue.ControlDefinition;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.net.http.HttpClient;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/** The plain objects of alerting, built from {@link AlertsConfig} and checked at start-up. */
public class AlertBeans {

    @Produces
    @Singleton
    AlertRules rules(AlertsConfig config) {
        return new AlertRules(config.flapDelay(), config.notEvaluatedAfter(), config.maxAge());
    }

    @Produces
    @Singleton
    SlackMessage messages(AlertsConfig config) {
        return new SlackMessage(config.publicBaseUrl(), config.maxFailingResources(), config.notEvaluatedAfter());
    }

    /** A route naming neither a control nor a category would never be used: refuse to start instead. */
    @Produces
    @Singleton
    SlackRoutes routes(AlertsConfig config, Catalogue catalogue) {
        SlackRoutes routes = new SlackRoutes(config.slack().webhookUrl().orElse(null), config.slack().routes());
        Set<String> known = catalogue.controls().stream().map(ControlDefinition::id).collect(Collectors.toCollection(HashSet::new));
        catalogue.controls().forEach(c -> known.add(c.category()));
        for (String key : routes.routeKeys()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("vigil.alerts.slack.routes.\"" + key
                        + "\" names neither a control nor a category of catalogue " + catalogue.version());
            }
        }
        return routes;
    }

    @Produces
    @Singleton
    DeliveryPolicy delivery(AlertsConfig config) {
        AlertsConfig.Delivery d = config.delivery();
        return new DeliveryPolicy(d.maxAge(), d.initialBackoff(), d.maxBackoff());
    }

    @Produces
    @Singleton
    SlackWebhook webhook(AlertsConfig config) {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(config.delivery().timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return new SlackWebhook(client, config.delivery().timeout());
    }
}
