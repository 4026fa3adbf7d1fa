package dev.vigil.collector.events.entra;

import dev.vigil.collector.entra.GraphApi;
import dev.vigil.sandbox.Sandbox;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Graph subscription to users against the sandbox tenant, Graph served at the root of its host as production
 * is ({@code https://graph.microsoft.com}) and under a path prefix as the sandbox's main port serves it.
 */
class EntraUsersSubscriptionTest {
    static final String TENANT = "9e1f6c2a-7d4b-4c8e-a1f0-5a6b7c8d9e0f";
    static final String URL = "https://vigil.acme-demo.example/hooks/entra";
    static final Instant T = Instant.parse("2026-12-02T14:20:11Z");
    static Sandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(0);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static EntraUsersSubscription subscription(boolean atRoot, Duration lifetime) {
        String login = atRoot ? sandbox.rootUrl(Sandbox.Provider.ENTRA_LOGIN)
                : sandbox.prefixedUrl(Sandbox.Provider.ENTRA_LOGIN);
        String graph = atRoot ? sandbox.rootUrl(Sandbox.Provider.MICROSOFT_GRAPH)
                : sandbox.prefixedUrl(Sandbox.Provider.MICROSOFT_GRAPH);
        return new EntraUsersSubscription(new GraphApp(new OkHttpClient(), HttpUrl.parse(login),
                HttpUrl.parse(graph), TENANT, "5c0ffee0-0000-4000-8000-sandbox00001", "sandbox-client-secret"), URL,
                List.of("old-state", "new-state"), lifetime);
    }

    @Test
    void theDefaultGraphRootResolvesTheSubscriptionPaths() {
        for (String root : List.of("https://graph.microsoft.com", "https://graph.microsoft.com/")) {
            GraphApi api = new GraphApi(new OkHttpClient(), HttpUrl.parse(root), null);
            assertThat(api.url("subscriptions").toString()).isEqualTo("https://graph.microsoft.com/v1.0/subscriptions");
            assertThat(api.url("subscriptions/7f105c7d-2dc5-4530-97cd-4e7ae6534c07").toString())
                    .isEqualTo("https://graph.microsoft.com/v1.0/subscriptions/7f105c7d-2dc5-4530-97cd-4e7ae6534c07");
        }
        GraphApi prefixed = new GraphApi(new OkHttpClient(), HttpUrl.parse("http://127.0.0.1:8089/entra/graph/"), null);
        assertThat(prefixed.url("subscriptions").toString())
                .isEqualTo("http://127.0.0.1:8089/entra/graph/v1.0/subscriptions");
    }

    @Test
    void atTheRootOfItsHostASubscriptionIsMadeThenRenewed() throws Exception {
        EntraUsersSubscription s = subscription(true, Duration.ofDays(3));
        assertThat(s.enabled()).isTrue();
        assertThat(s.owns("anything")).isTrue(); // none known yet

        Instant expires = s.keep(T);
        assertThat(expires).isEqualTo(T.plus(Duration.ofDays(3)));
        assertThat(s.id()).contains("7f105c7d-2dc5-4530-97cd-4e7ae6534c07");
        assertThat(s.owns("7f105c7d-2dc5-4530-97cd-4e7ae6534c07")).isTrue();
        assertThat(s.owns("00000000-0000-4000-8000-000000000000")).isFalse();

        Instant renewed = s.keep(T.plus(Duration.ofDays(2)));
        assertThat(renewed).isEqualTo(T.plus(Duration.ofDays(5)));
    }

    @Test
    void underAPathPrefixTooAndTheLifetimeIsCappedAtGraphsMaximumForUsers() throws Exception {
        EntraUsersSubscription s = subscription(false, Duration.ofDays(60));
        assertThat(s.keep(T)).isEqualTo(T.plus(EntraUsersSubscription.MAX_LIFETIME));
        assertThat(EntraUsersSubscription.MAX_LIFETIME).isLessThan(Duration.ofMinutes(41760));
    }

    @Test
    void aFailureNamesWhatWasSentButNeverTheSecret() {
        EntraUsersSubscription s = new EntraUsersSubscription(new GraphApp(new OkHttpClient(),
                HttpUrl.parse(sandbox.prefixedUrl(Sandbox.Provider.ENTRA_LOGIN)),
                HttpUrl.parse(sandbox.prefixedUrl(Sandbox.Provider.MICROSOFT_GRAPH) + "/nowhere"), TENANT,
                "5c0ffee0-0000-4000-8000-sandbox00001", "sandbox-client-secret"), URL, List.of("new-state"),
                Duration.ofDays(3));
        assertThatThrownBy(() -> s.keep(T)).isInstanceOf(IOException.class)
                .hasMessageContaining("/nowhere/v1.0/subscriptions")
                .hasMessageNotContaining("new-state");
    }

    @Test
    void withoutANotificationUrlOrSecretNothingIsSubscribed() {
        EntraUsersSubscription noUrl = new EntraUsersSubscription(subscriptionGraph(), " ", List.of("s"),
                Duration.ofDays(3));
        EntraUsersSubscription noSecret = new EntraUsersSubscription(subscriptionGraph(), URL, List.of(),
                Duration.ofDays(3));
        assertThat(noUrl.enabled()).isFalse();
        assertThat(noSecret.enabled()).isFalse();
    }

    static GraphApp subscriptionGraph() {
        return new GraphApp(new OkHttpClient(), HttpUrl.parse("https://login.microsoftonline.com"),
                HttpUrl.parse("https://graph.microsoft.com"), TENANT, "client", "secret");
    }
}
