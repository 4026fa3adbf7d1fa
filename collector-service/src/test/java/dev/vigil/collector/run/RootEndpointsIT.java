package dev.vigil.collector.run;

import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.testing.SandboxResource;
import dev.vigil.access.testing.TestCallers;
import dev.vigil.collector.testing.TopicReader;
import dev.vigil.common.evidence.CollectionRunEvent;
import dev.vigil.common.evidence.RunState;
import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.PostgresTestResource;
import dev.vigil.stack.testing.TestServers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every collector against the demo organisation served as production serves its providers: each API at the root
 * of its host ({@code http://127.0.0.1:<port>}, like {@code https://api.github.com}), no path prefix. A URL built
 * by concatenation ({@code //orgs/...}) is a 404 there and a failure here; next links must be followed at the root.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(SandboxResource.class)
@TestProfile(SandboxResource.AtRoot.class)
class RootEndpointsIT {
    @BeforeAll
    static void callAsService() {
        TestCallers.callAsService();
    }

    @Inject
    VigilConfig config;

    @Test
    void everyCollectorReadsItsProviderAtTheRootOfItsHost() throws InterruptedException {
        String bootstrap = TestServers.kafka().bootstrapServers();
        TopicReader.ensureTopics(bootstrap, config.topics().evidence(), config.topics().collectionRuns());

        List<String> runIds = given().post("/api/collections")
                .then().statusCode(202)
                .extract().jsonPath().getList("runs.runId", String.class);
        TopicReader.Output out = TopicReader.read(bootstrap, config.topics().evidence(),
                config.topics().collectionRuns(), runIds, Duration.ofSeconds(90));
        Map<String, CollectionRunEvent> ends = runIds.stream().map(id -> out.finalEvent(id).orElseThrow())
                .collect(Collectors.toMap(CollectionRunEvent::collector, Function.identity()));

        assertThat(ends).hasSize(runIds.size());
        assertThat(ends.values()).allSatisfy(end -> {
            assertThat(end.failures()).as(end.collector() + "'s failures").isEmpty();
            assertThat(end.state()).as(end.collector()).isEqualTo(RunState.COMPLETED);
        });
        // each of these lists comes in two pages: their next links were followed at the root
        assertThat(ends.get("github-branch-protection").counts().get("github.member")).isGreaterThan(3L);
        assertThat(ends.get("okta-user-mfa").counts()).isEqualTo(Map.of("okta.user", 4L,
                "okta.password-policy", 2L, "okta.sign-on-policy", 1L, "okta.authentication-policy", 2L));
        assertThat(ends.get("entra-id-users").counts()).isEqualTo(Map.of("entra.user", 4L,
                "entra.sign-in-policy", 1L));
        assertThat(ends.get("google-workspace-users").counts()).isEqualTo(Map.of("google.user", 3L,
                "google.password-policy", 2L, "google.two-step-verification-policy", 1L));
        assertThat(ends.get("aws-s3").counts()).containsEntry("aws.s3.account", 1L);
    }
}
