package dev.vigil.report.alerts;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlackRoutesTest {
    private static final URI DEFAULT = URI.create("https://hooks.slack.com/services/T0/B0/default-secret");
    private static final URI LS = URI.create("https://hooks.slack.com/services/T0/B1/ls-secret");
    private static final URI CM11 = URI.create("https://hooks.example.com/services/T0/B2/cm11-secret");

    private final SlackRoutes routes = new SlackRoutes(DEFAULT, Map.of("LS", LS, "CM-11", CM11));

    @Test
    void controlBeatsCategoryBeatsDefault() {
        assertThat(routes.route("CM-11", "CM").orElseThrow()).isEqualTo(new SlackRoutes.Route("control CM-11", CM11));
        assertThat(routes.route("LS-01", "LS").orElseThrow()).isEqualTo(new SlackRoutes.Route("category LS", LS));
        assertThat(routes.route("CM-12", "CM").orElseThrow()).isEqualTo(new SlackRoutes.Route("default", DEFAULT));
    }

    @Test
    void withoutADefaultOnlyRoutedAlertsHaveAWebhook() {
        SlackRoutes onlyLs = new SlackRoutes(null, Map.of("LS", LS));
        assertThat(onlyLs.route("CM-12", "CM")).isEmpty();
        assertThat(onlyLs.defaultRoute()).isEmpty();
        assertThat(onlyLs.route("LS-26", "LS")).isPresent();
    }

    @Test
    void aRouteIsDescribedByNameAndHostNeverByItsSecretUrl() {
        SlackRoutes.Route r = routes.route("CM-11", "CM").orElseThrow();
        assertThat(r.describe()).isEqualTo("control CM-11 (hooks.example.com)");
        assertThat(r.toString()).doesNotContain("secret");
        assertThat(routes.describeRoutes()).isEqualTo(Map.of("CM-11", "hooks.example.com", "LS", "hooks.slack.com"));
    }

    @Test
    void aWebhookMustBeAnHttpUrlAndTheErrorDoesNotRepeatIt() {
        assertThatThrownBy(() -> new SlackRoutes(URI.create("hooks.slack.com/services/secret"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("route 'default'")
                .hasMessageNotContaining("secret");
    }
}
