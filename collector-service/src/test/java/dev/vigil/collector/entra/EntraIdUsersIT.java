package dev.vigil.collector.entra;

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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The Entra ID collector against the sandbox tenant: client-credentials sign-in, two pages of users, the join. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(SandboxResource.class)
class EntraIdUsersIT {
    @BeforeAll
    static void callAsService() {
        TestCallers.callAsService();
    }

    static final String PREFIX = "entra:acme-demo.onmicrosoft.com:user:";

    @Inject
    VigilConfig config;

    @Inject
    EvidenceStore store;

    @Test
    void collectsEveryUserWithTheirMfaRegistrationAndProvenance() throws InterruptedException {
        String bootstrap = TestServers.kafka().bootstrapServers();
        TopicReader.ensureTopics(bootstrap, config.topics().evidence(), config.topics().collectionRuns());
        String runId = given().post("/api/collections?collector=" + EntraIdUsersCollector.NAME).then().statusCode(202)
                .extract().jsonPath().getString("runs[0].runId");

        TopicReader.Output out = TopicReader.read(bootstrap, config.topics().evidence(),
                config.topics().collectionRuns(), List.of(runId), Duration.ofSeconds(60));
        CollectionRunEvent end = out.finalEvent(runId).orElseThrow();
        assertThat(end.state()).isEqualTo(RunState.COMPLETED);
        assertThat(end.failures()).isEmpty();
        assertThat(end.counts()).isEqualTo(Map.of(EntraIdUsersCollector.TYPE, 4L,
                EntraIdUsersCollector.TYPE_SIGN_IN_POLICY, 1L));
        assertThat(end.source().uri()).isEqualTo("vigil://entra/acme-demo.onmicrosoft.com");

        Map<String, EvidenceEvent> users = out.evidenceOf(runId).stream().map(TopicReader.Received::event)
                .filter(e -> e.resourceType().equals(EntraIdUsersCollector.TYPE))
                .collect(Collectors.toMap(EvidenceEvent::resourceKey, Function.identity()));
        assertThat(users).containsOnlyKeys(PREFIX + "3f6a1c2e-1111-4a5b-9c8d-0e1f2a3b4c5d",
                PREFIX + "7b2d4e6f-2222-4c3d-8e9f-1a2b3c4d5e6f", PREFIX + "c4e8a0b2-3333-4d5e-9f0a-2b3c4d5e6f70",
                PREFIX + "e9f1b3d5-4444-4e6f-8a0b-3c4d5e6f7081");

        EvidenceEvent dana = users.get(PREFIX + "3f6a1c2e-1111-4a5b-9c8d-0e1f2a3b4c5d");
        assertThat(dana.facts()).containsEntry("email", "dana.lee@acme-demo.com").containsEntry("admin", true)
                .containsEntry("mfaRegistered", true).containsEntry("accountEnabled", true)
                .containsEntry("lastSignInAt", "2026-11-19T08:02:11Z")
                .containsEntry("methodsRegistered", List.of("microsoftAuthenticatorPush", "fido2", "softwareOneTimePasscode"));
        assertThat(dana.facts()).containsEntry("manager", null);
        // Graph expands each user's manager: erik reports to dana, by the address people are matched by
        assertThat(users.get(PREFIX + "7b2d4e6f-2222-4c3d-8e9f-1a2b3c4d5e6f").facts())
                .containsEntry("manager", "dana.lee@acme-demo.com");
        assertThat(dana.provenance().operation()).isEqualTo(EntraIdUsersCollector.USERS);
        // the users page is the main answer, the registration details page is cited beside it
        assertThat(dana.provenance().parameters()).isEqualTo(Map.of("userId", "3f6a1c2e-1111-4a5b-9c8d-0e1f2a3b4c5d"));
        assertThat(dana.provenance().supporting()).singleElement().satisfies(c -> {
            assertThat(c.operation()).isEqualTo(EntraIdUsersCollector.REGISTRATIONS);
            assertThat(c.parameters()).containsKey("$top");
            assertThat(c.responseSha256()).isNotEqualTo(dana.provenance().responseSha256());
            assertThat(store.get(c.responseSha256())).hasValueSatisfying(body -> assertThat(
                    new String(body, StandardCharsets.UTF_8)).contains("3f6a1c2e-1111-4a5b-9c8d-0e1f2a3b4c5d"));
        });

        EvidenceEvent frank = users.get(PREFIX + "c4e8a0b2-3333-4d5e-9f0a-2b3c4d5e6f70");
        assertThat(frank.facts()).containsEntry("accountEnabled", false).containsEntry("mfaRegistered", false);
        // Read from the second page, which only @odata.nextLink reaches.
        assertThat(frank.provenance().responseSha256()).hasSize(64)
                .isNotEqualTo(dana.provenance().responseSha256());
    }
}
