package dev.vigil.collector.entra;

import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.http.ProviderHttp;
import dev.vigil.collector.spi.Target;
import dev.vigil.collector.testing.RecordingContext;
import dev.vigil.collector.testing.TestConfig;
import dev.vigil.sandbox.Sandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read of one user a Graph change notification names, against the sandbox tenant without Kafka: the same key
 * and facts as the run of everything publishes for that user, and a deleted user published as nothing.
 */
class EntraIdUsersTargetedReadTest {
    static final String PREFIX = "entra:acme-demo.onmicrosoft.com:user:";
    static Sandbox sandbox;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(0);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    EntraIdUsersCollector collector() {
        Map<String, Object> values = new HashMap<>();
        values.put("entra.tenantId", "9e1f6c2a-7d4b-4c8e-a1f0-5a6b7c8d9e0f");
        values.put("entra.tenantDomain", "acme-demo.onmicrosoft.com");
        values.put("entra.clientId", "5c0ffee0-0000-4000-8000-sandbox00001");
        values.put("entra.clientSecret", "sandbox-client-secret");
        values.put("entra.authorityUrl", sandbox.rootUrl(Sandbox.Provider.ENTRA_LOGIN));
        values.put("entra.graphUrl", sandbox.rootUrl(Sandbox.Provider.MICROSOFT_GRAPH));
        values.put("entra.pageSize", 2);
        values.put("retry.initialBackoff", Duration.ofMillis(10));
        VigilConfig config = TestConfig.of(values);
        return new EntraIdUsersCollector(config, new ProviderHttp(config));
    }

    RecordingContext read(String id) {
        RecordingContext context = new RecordingContext(dir.resolve("store"));
        collector().collect(context, new Target(EntraIdUsersCollector.NAME, EntraIdUsersCollector.TARGET_USER, id));
        return context;
    }

    @Test
    void oneUserIsPublishedWithTheFactsARunOfEverythingGives() {
        RecordingContext all = new RecordingContext(dir.resolve("all"));
        collector().collect(all);
        for (String id : List.of("3f6a1c2e-1111-4a5b-9c8d-0e1f2a3b4c5d", "c4e8a0b2-3333-4d5e-9f0a-2b3c4d5e6f70")) {
            RecordingContext one = read(id);
            assertThat(one.failures).isEmpty();
            assertThat(one.evidence).singleElement().satisfies(item -> {
                assertThat(item.resourceKey()).isEqualTo(PREFIX + id);
                assertThat(item.facts()).isEqualTo(all.byKey().get(PREFIX + id).facts());
                assertThat(item.provenance().operation()).isEqualTo("GET /v1.0/users/{id}");
                assertThat(item.provenance().parameters()).isEqualTo(Map.of("userId", id));
                assertThat(item.provenance().supporting()).singleElement().satisfies(c -> assertThat(c.operation())
                        .isEqualTo("GET /v1.0/reports/authenticationMethods/userRegistrationDetails/{id}"));
            });
        }
    }

    @Test
    void aUserGraphNoLongerHasIsPublishedAsNothingAndNamedWithoutAPermission() {
        RecordingContext gone = read("00000000-0000-4000-8000-000000000000");
        assertThat(gone.evidence).isEmpty();
        assertThat(gone.failures).singleElement().satisfies(f -> {
            assertThat(f.reason()).contains("no longer exists in Entra ID");
            assertThat(f.missingPermission()).isNull();
        });
    }
}
