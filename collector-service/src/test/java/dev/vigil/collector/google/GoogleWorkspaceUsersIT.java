package dev.vigil.collector.google;

import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.testing.SandboxResource;
import dev.vigil.access.testing.TestCallers;
import dev.vigil.collector.testing.TopicReader;
import dev.vigil.common.evidence.CollectionRunEvent;
import dev.vigil.common.evidence.EvidenceEvent;
import dev.vigil.common.evidence.RunState;
import dev.vigil.common.store.EvidenceStore;
import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.PostgresTestResource;
import dev.vigil.stack.testing.TestServers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
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

/** The Workspace collector against the sandbox: a signed JWT assertion for a token, two pages of users. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(SandboxResource.class)
class GoogleWorkspaceUsersIT {
    @BeforeAll
    static void callAsService() {
        TestCallers.callAsService();
    }

    static final String PREFIX = "google:acme-demo.com:user:";

    @Inject
    VigilConfig config;
    @Inject
    EvidenceStore store;

    @Test
    void collectsEveryUserWith2svAndProvenance() throws InterruptedException {
        String bootstrap = TestServers.kafka().bootstrapServers();
        TopicReader.ensureTopics(bootstrap, config.topics().evidence(), config.topics().collectionRuns());
        String runId = given().post("/api/collections?collector=" + GoogleWorkspaceUsersCollector.NAME).then()
                .statusCode(202).extract().jsonPath().getString("runs[0].runId");

        TopicReader.Output out = TopicReader.read(bootstrap, config.topics().evidence(),
                config.topics().collectionRuns(), List.of(runId), Duration.ofSeconds(60));
        CollectionRunEvent end = out.finalEvent(runId).orElseThrow();
        assertThat(end.failures()).isEmpty();
        assertThat(end.state()).isEqualTo(RunState.COMPLETED);
        assertThat(end.counts()).isEqualTo(Map.of(GoogleWorkspaceUsersCollector.TYPE, 3L,
                GoogleWorkspaceUsersCollector.TYPE_PASSWORD_POLICY, 2L,
                GoogleWorkspaceUsersCollector.TYPE_TWO_STEP_POLICY, 1L));
        assertThat(end.source().uri()).isEqualTo("vigil://google/acme-demo.com");

        Map<String, EvidenceEvent> users = out.evidenceOf(runId).stream().map(TopicReader.Received::event)
                .filter(e -> e.resourceType().equals(GoogleWorkspaceUsersCollector.TYPE))
                .collect(Collectors.toMap(EvidenceEvent::resourceKey, Function.identity()));
        assertThat(users).containsOnlyKeys(PREFIX + "108000000000000000001", PREFIX + "108000000000000000002",
                PREFIX + "108000000000000000003");
        EvidenceEvent hana = users.get(PREFIX + "108000000000000000001");
        assertThat(hana.facts()).containsEntry("email", "hana.kim@acme-demo.com").containsEntry("admin", true)
                .containsEntry("twoStepEnrolled", true).containsEntry("twoStepEnforced", true);
        assertThat(hana.provenance().operation()).isEqualTo(GoogleWorkspaceUsersCollector.OPERATION);
        assertThat(store.contains(hana.provenance().responseSha256())).isTrue();
        EvidenceEvent jules = users.get(PREFIX + "108000000000000000003");
        assertThat(jules.facts()).containsEntry("suspended", true).containsEntry("manager", "hana.kim@acme-demo.com");
        EvidenceEvent ivan = users.get(PREFIX + "108000000000000000002");
        assertThat(ivan.facts()).containsEntry("manager", "hana.kim@acme-demo.com");
        assertThat(jules.provenance().parameters()).containsEntry("pageToken", "Q0hFQ0tQT0lOVC1qdWxlcw");
    }
}
