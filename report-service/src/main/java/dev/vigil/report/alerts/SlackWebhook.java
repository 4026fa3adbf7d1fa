package dev.vigil.report.alerts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Posts a message to a Slack incoming webhook and reports the answer; {@link DeliveryPolicy} judges it. */
public class SlackWebhook {
    private final HttpClient client;
    private final Duration timeout;

    public SlackWebhook(HttpClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    /** @throws IOException when no answer came (refused, reset, timed out) */
    public DeliveryPolicy.Answer post(URI webhook, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(webhook)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new DeliveryPolicy.Answer(response.statusCode(),
                response.headers().firstValue("Retry-After").orElse(null), response.body());
    }
}
