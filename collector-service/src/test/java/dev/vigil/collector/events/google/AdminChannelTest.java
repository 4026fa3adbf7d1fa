package dev.vigil.collector.events.google;

import dev.vigil.collector.google.ReportsApi;
import dev.vigil.sandbox.DemoServiceAccountKey;
import dev.vigil.sandbox.Sandbox;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Reports API channel on the admin audit log against the sandbox, the Admin SDK at the root of its host as
 * production serves it ({@code https://admin.googleapis.com}): opened, then renewed by a new channel that stops the
 * old one.
 */
class AdminChannelTest {
    static final Instant T = Instant.now();
    static Sandbox sandbox;
    static Path key;

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(0);
        key = DemoServiceAccountKey.write(Files.createTempDirectory("vigil-google-key").resolve("key.json"), "test-key");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static ReportsApi api(String base) {
        return new ReportsApi(new OkHttpClient(), HttpUrl.parse(base), key, "hana.kim@acme-demo.com",
                sandbox.prefixedUrl(Sandbox.Provider.GOOGLE) + "/token");
    }

    @Test
    void theWatchAndStopPathsResolveAgainstTheDefaultRoot() {
        ReportsApi production = api("https://admin.googleapis.com");
        assertThat(production.watchUrl("admin").toString()).isEqualTo(
                "https://admin.googleapis.com/admin/reports/v1/activity/users/all/applications/admin/watch");
        assertThat(production.stopUrl().toString()).isEqualTo("https://admin.googleapis.com/admin/reports_v1/channels/stop");
    }

    @Test
    void aChannelIsOpenedThenReplacedByANewOneAndTheOldStopped() throws Exception {
        AdminChannel channel = new AdminChannel(api(sandbox.rootUrl(Sandbox.Provider.GOOGLE)),
                "https://vigil.acme-demo.example/hooks/google", List.of("old", "new"), Duration.ofHours(6));
        assertThat(channel.enabled()).isTrue();
        Instant expires = channel.keep(T);
        assertThat(expires).isEqualTo(Instant.ofEpochMilli(T.plus(Duration.ofHours(6)).toEpochMilli()));
        String first = channel.channelId().orElseThrow();
        assertThat(first).startsWith("vigil-");
        assertThat(channel.owns(first)).isTrue();
        assertThat(channel.owns("vigil-someone-else")).isFalse();

        channel.keep(T.plus(Duration.ofHours(4)));
        String second = channel.channelId().orElseThrow();
        assertThat(second).isNotEqualTo(first);
        assertThat(channel.owns(second)).isTrue();
        assertThat(channel.owns(first)).as("stopped").isFalse();
    }

    @Test
    void withoutAnAddressOrTokenNoChannelIsOpened() {
        ReportsApi api = api("https://admin.googleapis.com");
        assertThat(new AdminChannel(api, null, List.of("t"), Duration.ofHours(6)).enabled()).isFalse();
        assertThat(new AdminChannel(api, "https://vigil.example/hooks/google", List.of(), Duration.ofHours(6))
                .enabled()).isFalse();
    }
}
