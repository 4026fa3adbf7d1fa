package dev.vigil.collector.events.github;

import dev.vigil.access.testing.TestCallers;
import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.testing.Fixtures;
import dev.vigil.collector.testing.SandboxResource;
import dev.vigil.collector.testing.TopicReader;
import dev.vigil.collector.testing.TriggeredRuns;
import dev.vigil.common.evidence.CollectionRunEvent;
import dev.vigil.common.evidence.EvidenceEvent;
import dev.vigil.common.evidence.RunState;
import dev.vigil.common.evidence.Trigger;
import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.PostgresTestResource;
import dev.vigil.stack.testing.TestServers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * GitHub deliveries to {@code POST /hooks/github} through a real Kafka broker, with GitHub served at the root of
 * its host as production serves it: a signed delivery re-reads exactly the repository it names and publishes its
 * evidence naming the delivery; a badly signed one and a repeated one publish nothing.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(SandboxResource.class)
@TestProfile(SandboxResource.AtRoot.class)
class GitHubWebhookIT {
    /** The secret application.properties gives the test profile (the second of two, as during a rotation). */
    static final String SECRET = "test-webhook-secret";
    static final byte[] RULE_EDITED = Fixtures.bytes(GitHubEventTargetsTest.class, "branch_protection_rule.edited.json");
    static final Duration WAIT = Duration.ofSeconds(60);

    @BeforeAll
    static void callAsService() {
        TestCallers.callAsService();
    }

    @Inject
    VigilConfig config;

    static RequestSpecification delivery(String event, String id, String signature, byte[] body) {
        RequestSpecification request = given().auth().none()
                .header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", id)
                .header("X-GitHub-Hook-ID", "477125061")
                .header("User-Agent", "GitHub-Hookshot/0b1b1c5")
                .contentType("application/json")
                .body(body);
        return signature == null ? request : request.header("X-Hub-Signature-256", signature);
    }

    /** The runs the collector service shows for a delivery (as the trigger, or coalesced into one). */
    static List<String> runsFor(String deliveryId) {
        return TriggeredRuns.of(deliveryId);
    }

    @Test
    void aSignedDeliveryRepublishesExactlyItsRepositoryNamingTheDelivery() throws InterruptedException {
        String bootstrap = TestServers.kafka().bootstrapServers();
        TopicReader.ensureTopics(bootstrap, config.topics().evidence(), config.topics().collectionRuns());
        String id = UUID.randomUUID().toString();

        delivery("branch_protection_rule", id, GitHubSignature.sign(SECRET, RULE_EDITED), RULE_EDITED)
                .post("/hooks/github").then().statusCode(202);

        await().atMost(WAIT).until(() -> runsFor(id).size() == 1);
        String runId = runsFor(id).get(0);
        TopicReader.Output out = TopicReader.read(bootstrap, config.topics().evidence(),
                config.topics().collectionRuns(), List.of(runId), WAIT);

        CollectionRunEvent end = out.finalEvent(runId).orElseThrow();
        assertThat(end.state()).isEqualTo(RunState.COMPLETED);
        assertThat(end.failures()).isEmpty();
        assertThat(end.trigger()).satisfies(t -> {
            assertThat(t.provider()).isEqualTo("github");
            assertThat(t.deliveryId()).isEqualTo(id);
            assertThat(t.eventType()).isEqualTo("branch_protection_rule.edited");
        });
        assertThat(out.runs()).allSatisfy(r -> assertThat(r.event().trigger()).isEqualTo(end.trigger()));
        // that repository only: its default branch's protection, its settings and who can administer it
        assertThat(out.evidenceOf(runId)).extracting(r -> r.event().resourceKey()).containsExactlyInAnyOrder(
                "github:acme-demo/payments-api:branch:main", "github:acme-demo/payments-api",
                "github:acme-demo/payments-api:access");
        assertThat(out.evidenceOf(runId)).allSatisfy(r -> {
            Trigger trigger = r.event().provenance().trigger();
            assertThat(trigger).isEqualTo(end.trigger());
            assertThat(r.event().provenance().collector()).isEqualTo("github-branch-protection");
        });
        EvidenceEvent branch = out.evidenceOf(runId).stream().map(TopicReader.Received::event)
                .filter(e -> e.resourceType().equals("github.branch_protection")).findFirst().orElseThrow();
        // read as a full run reads it (docs/sandbox.md: payments-api is protected, two approvals)
        assertThat(branch.facts()).containsEntry("protected", true).containsEntry("requiredApprovingReviewCount", 2);
        assertThat(branch.provenance().operation()).isEqualTo("GET /repos/{owner}/{repo}/branches/{branch}/protection");
        EvidenceEvent repository = out.evidenceOf(runId).stream().map(TopicReader.Received::event)
                .filter(e -> e.resourceType().equals("github.repository")).findFirst().orElseThrow();
        assertThat(repository.provenance().operation()).isEqualTo("GET /repos/{owner}/{repo}");
        assertThat(repository.provenance().responseSha256()).isNotNull();

        // the same delivery again, as GitHub redelivers it: 200, and no second run
        delivery("branch_protection_rule", id, GitHubSignature.sign(SECRET, RULE_EDITED), RULE_EDITED)
                .post("/hooks/github").then().statusCode(200);
        Thread.sleep(1500); // three coalescing delays: a run would have started
        assertThat(runsFor(id)).containsExactly(runId);
        assertThat(TopicReader.readAll(bootstrap, config.topics().evidence(), config.topics().collectionRuns(), WAIT)
                .runs()).filteredOn(r -> r.event().trigger() != null && r.event().trigger().deliveryId().equals(id))
                .extracting(r -> r.event().runId()).containsOnly(runId);
    }

    /** CM-18: a collaborator given a repository is seen at once, not at the next scheduled collection. */
    @Test
    void aCollaboratorAddedToARepositoryReadsThatRepositorysAccessAndTheOrganisation() throws InterruptedException {
        String bootstrap = TestServers.kafka().bootstrapServers();
        TopicReader.ensureTopics(bootstrap, config.topics().evidence(), config.topics().collectionRuns());
        byte[] body = Fixtures.bytes(GitHubEventTargetsTest.class, "member.added.json");
        String id = UUID.randomUUID().toString();

        delivery("member", id, GitHubSignature.sign(SECRET, body), body).post("/hooks/github").then().statusCode(202);

        await().atMost(WAIT).until(() -> runsFor(id).size() == 2); // one read per target
        List<String> runIds = runsFor(id);
        TopicReader.Output out = TopicReader.read(bootstrap, config.topics().evidence(),
                config.topics().collectionRuns(), runIds, WAIT);
        for (String runId : runIds) {
            CollectionRunEvent end = out.finalEvent(runId).orElseThrow();
            assertThat(end.state()).as(runId).isEqualTo(RunState.COMPLETED);
            assertThat(end.trigger().eventType()).isEqualTo("member.added");
        }
        List<EvidenceEvent> read = runIds.stream().flatMap(r -> out.evidenceOf(r).stream())
                .map(TopicReader.Received::event).toList();
        assertThat(read).extracting(EvidenceEvent::resourceKey)
                .contains("github:acme-demo/web-frontend:access", "github:acme-demo/web-frontend");
        assertThat(read).extracting(EvidenceEvent::resourceType)
                .contains("github.organization", "github.member", "github.repository_access");
        assertThat(read).filteredOn(e -> e.resourceType().equals("github.repository_access")).singleElement()
                .satisfies(e -> assertThat(e.provenance().operation())
                        .isEqualTo("GET /repos/{owner}/{repo}/collaborators"));
    }

    @Test
    void aBadlySignedDeliveryIs401CountedAndPublishesNothing() throws InterruptedException {
        String bootstrap = TestServers.kafka().bootstrapServers();
        TopicReader.ensureTopics(bootstrap, config.topics().evidence(), config.topics().collectionRuns());
        String forged = UUID.randomUUID().toString();
        String unsigned = UUID.randomUUID().toString();

        delivery("branch_protection_rule", forged, GitHubSignature.sign("not-the-secret", RULE_EDITED), RULE_EDITED)
                .post("/hooks/github").then().statusCode(401);
        delivery("branch_protection_rule", unsigned, null, RULE_EDITED).post("/hooks/github").then().statusCode(401);

        Thread.sleep(1500);
        assertThat(runsFor(forged)).isEmpty();
        assertThat(runsFor(unsigned)).isEmpty();
        TopicReader.Output all = TopicReader.readAll(bootstrap, config.topics().evidence(),
                config.topics().collectionRuns(), WAIT);
        assertThat(all.evidence()).noneMatch(r -> r.event().provenance().trigger() != null
                && List.of(forged, unsigned).contains(r.event().provenance().trigger().deliveryId()));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern(
                "vigil_events_rejected_total\\{provider=\"github\",reason=\"bad-signature\"} [1-9]")
                .containsPattern("vigil_events_rejected_total\\{provider=\"github\",reason=\"missing-signature\"} [1-9]");
    }

    @Test
    void pingAnswers200AndAnUnknownProviderOrABodyOverTheLimitIsRefused() {
        byte[] ping = Fixtures.bytes(GitHubEventTargetsTest.class, "ping.json");
        delivery("ping", UUID.randomUUID().toString(), GitHubSignature.sign(SECRET, ping), ping)
                .post("/hooks/github").then().statusCode(200);
        delivery("ping", UUID.randomUUID().toString(), GitHubSignature.sign(SECRET, ping), ping)
                .post("/hooks/no-such-provider").then().statusCode(404);
        byte[] large = new byte[1024 * 1024 + 1];
        delivery("repository", UUID.randomUUID().toString(), GitHubSignature.sign(SECRET, large), large)
                .post("/hooks/github").then().statusCode(413);
    }
}
