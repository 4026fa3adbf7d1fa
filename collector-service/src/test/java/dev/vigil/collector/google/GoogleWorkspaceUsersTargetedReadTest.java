package dev.vigil.collector.google;

import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.http.ProviderHttp;
import dev.vigil.collector.spi.Target;
import dev.vigil.collector.testing.RecordingContext;
import dev.vigil.collector.testing.TestConfig;
import dev.vigil.sandbox.DemoServiceAccountKey;
import dev.vigil.sandbox.Sandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read of one user an admin audit event names ({@code users.get} by e-mail), against the sandbox customer
 * without Kafka: the key and facts of the run of everything, and a deleted user published as nothing.
 */
class GoogleWorkspaceUsersTargetedReadTest {
    static final String IVAN = "google:acme-demo.com:user:108000000000000000002";
    static Sandbox sandbox;
    static Path key;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(0);
        key = DemoServiceAccountKey.write(Files.createTempDirectory("vigil-google-key").resolve("key.json"), "test-key");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    GoogleWorkspaceUsersCollector collector() {
        Map<String, Object> values = new HashMap<>();
        values.put("google.domain", "acme-demo.com");
        values.put("google.subject", "hana.kim@acme-demo.com");
        values.put("google.credentialsFile", key.toString());
        values.put("google.directoryUrl", sandbox.rootUrl(Sandbox.Provider.GOOGLE));
        values.put("google.policiesUrl", sandbox.rootUrl(Sandbox.Provider.GOOGLE));
        values.put("google.tokenUrl", sandbox.prefixedUrl(Sandbox.Provider.GOOGLE) + "/token");
        values.put("google.pageSize", 2);
        values.put("retry.initialBackoff", Duration.ofMillis(10));
        VigilConfig config = TestConfig.of(values);
        return new GoogleWorkspaceUsersCollector(config, new ProviderHttp(config));
    }

    RecordingContext read(String userKey) {
        RecordingContext context = new RecordingContext(dir.resolve("store"));
        collector().collect(context, new Target(GoogleWorkspaceUsersCollector.NAME,
                GoogleWorkspaceUsersCollector.TARGET_USER, userKey));
        return context;
    }

    @Test
    void oneUserIsPublishedUnderItsIdWithTheFactsARunOfEverythingGives() {
        RecordingContext all = new RecordingContext(dir.resolve("all"));
        collector().collect(all);
        RecordingContext one = read("ivan.petrov@acme-demo.com");
        assertThat(one.failures).isEmpty();
        assertThat(one.evidence).singleElement().satisfies(item -> {
            assertThat(item.resourceKey()).isEqualTo(IVAN);
            assertThat(item.facts()).isEqualTo(all.byKey().get(IVAN).facts());
            assertThat(item.provenance().operation()).isEqualTo("GET /admin/directory/v1/users/{userKey}");
            assertThat(item.provenance().parameters()).isEqualTo(Map.of("userKey", "ivan.petrov@acme-demo.com"));
        });
    }

    @Test
    void aUserTheDirectoryNoLongerHasIsPublishedAsNothingAndNamedWithoutAPermission() {
        RecordingContext gone = read("leaver@acme-demo.com");
        assertThat(gone.evidence).isEmpty();
        assertThat(gone.failures).singleElement().satisfies(f -> {
            assertThat(f.reason()).contains("no longer exists in Google Workspace");
            assertThat(f.missingPermission()).isNull();
        });
    }
}
