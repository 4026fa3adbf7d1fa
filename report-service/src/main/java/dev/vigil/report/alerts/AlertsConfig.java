package dev.vigil.report.alerts;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Slack alerts ({@code vigil.alerts.*}); docs/report-service.md#alerts describes each key. */
@ConfigMapping(prefix = "vigil.alerts")
public interface AlertsConfig {

    /** Where people reach the dashboard; each message links to {@code <public-base-url>/controls/<id>}. */
    @WithDefault("http://localhost:8080")
    URI publicBaseUrl();

    /** How long a PASS → FAIL or FAIL → PASS must hold before it is sent (damps flapping). */
    @WithDefault("2m")
    Duration flapDelay();

    /** How long a control must stay NOT_EVALUATED before one alert says so. */
    @WithDefault("30m")
    Duration notEvaluatedAfter();

    /** An alert whose status event is older than this when received is recorded but not sent. */
    @WithDefault("1h")
    Duration maxAge();

    /** Failing resources listed in a message before "and N more". */
    @WithDefault("5")
    int maxFailingResources();

    Slack slack();

    Delivery delivery();

    interface Slack {
        /** The default incoming webhook. Unset: alerts without a route are recorded but not sent. */
        Optional<URI> webhookUrl();

        /** Webhooks by control id ({@code routes."CM-11"}) or category code ({@code routes."LS"}). */
        Map<String, URI> routes();
    }

    interface Delivery {
        /** How often the sender looks for due alerts. */
        @WithDefault("5s")
        Duration interval();

        /** Alerts sent per look at most (the rest wait for the next). */
        @WithDefault("50")
        int batchSize();

        /**
         * How long an alert is retried on 429, 5xx and I/O errors before it is FAILED, counted from when it was
         * raised: a Slack outage shorter than this delays the message, never loses it.
         */
        @WithDefault("24h")
        Duration maxAge();

        /** The first wait before a retry; doubles each attempt. */
        @WithDefault("10s")
        Duration initialBackoff();

        /** The longest wait computed by backoff (a longer Retry-After is still honoured). */
        @WithDefault("10m")
        Duration maxBackoff();

        /** Connect and request timeout of one post. */
        @WithDefault("10s")
        Duration timeout();
    }
}
