package dev.vigil.report.alerts;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * A local Slack incoming webhook (WireMock on 127.0.0.1, any free port) answering {@code 200 ok} as Slack does,
 * with the alert settings shortened so a test sees flapping, thresholds and retries in seconds. Routes: DS-03, DS-05
 * and CM-13 have their own webhook, category PP its own, everything else goes to the default. Stubs a test adds stay
 * for the next test class that shares this server: remove them when done.
 */
public class SlackWebhookResource implements QuarkusTestResourceLifecycleManager {
    private static WireMockServer server;
    /** Settings a test profile gives as init arguments, over the ones below. */
    private Map<String, String> overrides = Map.of();

    public static WireMockServer server() {
        return server;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        overrides = Map.copyOf(initArgs);
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(200).withBody("ok")));
        String hooks = "http://127.0.0.1:" + server.port() + "/hooks/";
        Map<String, String> settings = new java.util.HashMap<>(Map.ofEntries(
                Map.entry("vigil.alerts.public-base-url", "https://vigil.test"),
                Map.entry("vigil.alerts.slack.webhook-url", hooks + "default"),
                Map.entry("vigil.alerts.slack.routes.\"DS-03\"", hooks + "ds-03"),
                Map.entry("vigil.alerts.slack.routes.\"DS-05\"", hooks + "ds-05"),
                Map.entry("vigil.alerts.slack.routes.\"CM-13\"", hooks + "cm-13"),
                Map.entry("vigil.alerts.slack.routes.\"PP\"", hooks + "people"),
                Map.entry("vigil.alerts.flap-delay", "2s"),
                Map.entry("vigil.alerts.not-evaluated-after", "2s"),
                Map.entry("vigil.alerts.delivery.interval", "1s"), // the scheduler's shortest
                Map.entry("vigil.alerts.delivery.initial-backoff", "0.3s"),
                Map.entry("vigil.alerts.delivery.max-backoff", "1s"),
                Map.entry("vigil.alerts.delivery.max-age", "1m")));
        settings.putAll(overrides);
        return settings;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
