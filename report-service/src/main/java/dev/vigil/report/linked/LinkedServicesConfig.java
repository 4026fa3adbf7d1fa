package dev.vigil.report.linked;

import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.time.Duration;

/**
 * Where report-service calls the other services ({@link LinkedServices}): collection runs from collector-service;
 * exceptions and scoping decisions from the control-evaluator, which also records the approved ones. Each URL is a
 * base, at the root of a host or under a path; the APIs' paths are appended to it. The defaults are the ports deploy/local/up.sh uses. Plain properties
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

    /** collector-service's base URL ({@link CollectorApi}). */
    public URI collectorUrl() {
        return collectorUrl;
    }

    /** control-evaluator's base URL ({@link EvaluatorApi}). */
    public URI evaluatorUrl() {
        return evaluatorUrl;
    }

    /** Connect and read timeout of each call: how long a page waits before it says the service is unavailable. */
    public Duration linkedServiceTimeout() {
        return timeout;
    }
}
