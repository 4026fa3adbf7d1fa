package dev.vigil.report.linked;

import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.time.Duration;

/**
 * Where the dashboard reads what report-service does not keep itself: collection runs from collector-service and
 * exceptions from the control-evaluator. The defaults are the ports deploy/local/up.sh uses. Plain properties
 * rather than a {@code @ConfigMapping}: a mapping of the prefix {@code vigil.report} would have to own every other
 * key under it (status-topic, uploads.*), or start-up rejects them as unmapped.
 */
@Singleton
public class LinkedServicesConfig {
    private final URI collectorUrl;
    private final URI evaluatorUrl;
    private final Duration timeout;

    public LinkedServicesConfig(
            @ConfigProperty(name = "vigil.report.collector-url", defaultValue = "http://127.0.0.1:8081") URI collectorUrl,
            @ConfigProperty(name = "vigil.report.evaluator-url", defaultValue = "http://127.0.0.1:8082") URI evaluatorUrl,
            @ConfigProperty(name = "vigil.report.linked-service-timeout", defaultValue = "3s") Duration timeout) {
        this.collectorUrl = collectorUrl;
        this.evaluatorUrl = evaluatorUrl;
        this.timeout = timeout;
    }

    /** collector-service's base URL ({@code GET /api/collections}). */
    public URI collectorUrl() {
        return collectorUrl;
    }

    /** control-evaluator's base URL ({@code GET /api/exceptions}). */
    public URI evaluatorUrl() {
        return evaluatorUrl;
    }

    /** How long a page waits for either before it says the service is unavailable. */
    public Duration linkedServiceTimeout() {
        return timeout;
    }
}
