package dev.vigil.collector.events.aws;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.vigil.access.testing.TestCallers;
import dev.vigil.collector.aws.CloudTrailFixtures;
import dev.vigil.collector.aws.cloudtrail.MetricAlarmCloudTrailTargetsTest;
import dev.vigil.collector.aws.iam.IamCloudTrailTargetsTest;
import dev.vigil.collector.aws.s3.S3CloudTrailTargetsTest;
import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.testing.Fixtures;
import dev.vigil.collector.testing.SandboxResource;
import dev.vigil.collector.testing.TopicReader;
import dev.vigil.common.evidence.CollectionRunEvent;
import dev.vigil.common.evidence.EvidenceEvent;
import dev.vigil.common.evidence.RunState;
import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.PostgresTestResource;
import dev.vigil.stack.testing.TestServers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * CloudTrail events pulled from SQS (stubbed at the root of its host, speaking the JSON protocol the SDK speaks),
 * S3 and IAM read from the sandbox and evidence published to a real Kafka broker: an event re-publishes exactly the
 * bucket or user it names, naming the event, and its message is deleted only after that; a message whose read fails
 * stays; a repeated event id publishes nothing new.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(SandboxResource.class)
@TestProfile(AwsEventQueueIT.WithQueue.class)
class AwsEventQueueIT {
    static final Duration WAIT = Duration.ofSeconds(60);

    /** Pulls the stubbed queue, with a short long poll so the test does not wait 20 s. */
    public static class WithQueue implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(Queue.class));
        }
    }

    /** SQS at the root of a host of its own, as sqs.us-east-1.amazonaws.com serves it. */
    public static class Queue implements QuarkusTestResourceLifecycleManager {
        static WireMockServer server;
        static SqsStub stub;

        @Override
        public Map<String, String> start() {
            server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
            server.start();
            stub = new SqsStub(server);
            return Map.of("vigil.events.aws.queue-url", SqsStub.QUEUE_URL,
                    "vigil.events.aws.endpoint-override", server.baseUrl(),
                    "vigil.events.aws.wait-time", "1s",
                    "vigil.events.aws.visibility-timeout", "30s");
        }

        @Override
        public void stop() {
            if (server != null) {
                server.stop();
            }
        }
    }

    @BeforeAll
    static void callAsService() {
        TestCallers.callAsService();
    }

    @Inject
    VigilConfig config;

    @ConfigProperty(name = "vigil.aws.endpoint-override")
    String sandboxAws;

    static List<String> runsFor(String eventId) {
        return given().get("/api/collections").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.trigger != null && (it.trigger.deliveryId == '" + eventId
                        + "' || it.trigger.coalesced?.contains('" + eventId + "')) }.runId", String.class);
    }

    static String event(String fixture) {
        return Fixtures.text(S3CloudTrailTargetsTest.class, fixture);
    }

    @Test
    void anEventRepublishesExactlyItsBucketAndItsMessageIsDeletedOnlyAfterThat() throws Exception {
        String bootstrap = TestServers.kafka().bootstrapServers();
        TopicReader.ensureTopics(bootstrap, config.topics().evidence(), config.topics().collectionRuns());
        String body = event("PutBucketEncryption.json");
        String id = CloudTrailFixtures.event(S3CloudTrailTargetsTest.class, "PutBucketEncryption.json").path("id").asText();

        String handle = Queue.stub.put(body);

        await().atMost(WAIT).until(() -> !Queue.stub.deletes(handle).isEmpty());
        List<String> runs = runsFor(id);
        assertThat(runs).hasSize(1);
        String runId = runs.get(0);
        TopicReader.Output out = TopicReader.read(bootstrap, config.topics().evidence(),
                config.topics().collectionRuns(), List.of(runId), WAIT);
        CollectionRunEvent end = out.finalEvent(runId).orElseThrow();
        assertThat(end.state()).isEqualTo(RunState.COMPLETED);
        assertThat(end.trigger()).satisfies(t -> {
            assertThat(t.provider()).isEqualTo("aws");
            assertThat(t.deliveryId()).isEqualTo(id);
            assertThat(t.eventType()).isEqualTo("s3.PutBucketEncryption");
        });
        // exactly that bucket, read as a full run reads it, naming the event
        assertThat(out.evidenceOf(runId)).extracting(r -> r.event().resourceKey())
                .containsExactly("aws:111122223333:s3:acme-customer-data");
        EvidenceEvent bucket = out.evidenceOf(runId).get(0).event();
        assertThat(bucket.provenance().trigger()).isEqualTo(end.trigger());
        assertThat(bucket.provenance().collector()).isEqualTo("aws-s3");
        assertThat(bucket.provenance().operation()).isEqualTo("s3:GetBucketEncryption");
        assertThat(bucket.facts()).containsKeys("defaultEncryption", "accountPublicAccessBlock", "versioning");
        // deleted once, and only after the run's end (published after the broker acknowledged its evidence)
        assertThat(Queue.stub.deletes(handle)).singleElement().satisfies(delete ->
                assertThat(delete.getLoggedDate().toInstant()).isAfterOrEqualTo(end.at().truncatedTo(
                        java.time.temporal.ChronoUnit.MILLIS)));

        // SQS delivers the same event again (at least once): nothing is read, and the copy is deleted
        String again = Queue.stub.put(body);
        await().atMost(WAIT).until(() -> !Queue.stub.deletes(again).isEmpty());
        Thread.sleep(1000); // three coalescing delays: a read would have started
        assertThat(runsFor(id)).containsExactly(runId);
    }

    @Test
    void anIamEventRepublishesExactlyTheUserItNamesThroughAwsIam() throws Exception {
        String bootstrap = TestServers.kafka().bootstrapServers();
        TopicReader.ensureTopics(bootstrap, config.topics().evidence(), config.topics().collectionRuns());
        String body = Fixtures.text(IamCloudTrailTargetsTest.class, "DeactivateMFADevice.json");
        String id = CloudTrailFixtures.event(IamCloudTrailTargetsTest.class, "DeactivateMFADevice.json").path("id")
                .asText();

        String handle = Queue.stub.put(body);

        await().atMost(WAIT).until(() -> !Queue.stub.deletes(handle).isEmpty());
        List<String> runs = runsFor(id);
        assertThat(runs).hasSize(1);
        String runId = runs.get(0);
        TopicReader.Output out = TopicReader.read(bootstrap, config.topics().evidence(),
                config.topics().collectionRuns(), List.of(runId), WAIT);
        CollectionRunEvent end = out.finalEvent(runId).orElseThrow();
        assertThat(end.state()).isEqualTo(RunState.COMPLETED);
        assertThat(end.trigger().eventType()).isEqualTo("iam.DeactivateMFADevice");
        // the user alone, from its own calls rather than a credential report that may predate the change
        assertThat(out.evidenceOf(runId)).extracting(r -> r.event().resourceKey())
                .containsExactly("aws:111122223333:iam:user/alice.admin");
        EvidenceEvent user = out.evidenceOf(runId).get(0).event();
        assertThat(user.provenance().trigger()).isEqualTo(end.trigger());
        assertThat(user.provenance().collector()).isEqualTo("aws-iam");
        assertThat(user.provenance().operation()).isEqualTo("iam:GetUser");
        assertThat(user.facts()).containsEntry("user", "alice.admin").containsEntry("consoleAccess", true)
                .containsEntry("mfaActive", true).containsEntry("emailTag", "alice@acme-demo.example");
        assertThat(Queue.stub.deletes(handle)).singleElement().satisfies(delete ->
                assertThat(delete.getLoggedDate().toInstant()).isAfterOrEqualTo(end.at().truncatedTo(
                        java.time.temporal.ChronoUnit.MILLIS)));
    }

    @Test
    void aCloudWatchAlarmEventRereadsTheAccountsTrailsAndTheAlarmsOnTheirEvents() throws Exception {
        String bootstrap = TestServers.kafka().bootstrapServers();
        TopicReader.ensureTopics(bootstrap, config.topics().evidence(), config.topics().collectionRuns());
        String body = Fixtures.text(MetricAlarmCloudTrailTargetsTest.class, "DisableAlarmActions.json");
        String id = CloudTrailFixtures.event(MetricAlarmCloudTrailTargetsTest.class, "DisableAlarmActions.json")
                .path("id").asText();

        String handle = Queue.stub.put(body);

        await().atMost(WAIT).until(() -> !Queue.stub.deletes(handle).isEmpty());
        List<String> runs = runsFor(id);
        assertThat(runs).hasSize(1);
        String runId = runs.get(0);
        TopicReader.Output out = TopicReader.read(bootstrap, config.topics().evidence(),
                config.topics().collectionRuns(), List.of(runId), WAIT);
        CollectionRunEvent end = out.finalEvent(runId).orElseThrow();
        assertThat(end.state()).isEqualTo(RunState.COMPLETED);
        // CloudWatch's calls are recorded under monitoring.amazonaws.com
        assertThat(end.trigger().eventType()).isEqualTo("monitoring.DisableAlarmActions");
        assertThat(out.evidenceOf(runId)).extracting(r -> r.event().resourceKey()).containsExactlyInAnyOrder(
                "aws:111122223333:cloudtrail", "aws:111122223333:cloudtrail-metric-alarms");
        EvidenceEvent alarms = out.evidenceOf(runId).stream().map(TopicReader.Received::event)
                .filter(e -> e.resourceType().equals("aws.cloudtrail.metric-alarms")).findFirst().orElseThrow();
        assertThat(alarms.provenance().trigger()).isEqualTo(end.trigger());
        assertThat(alarms.provenance().collector()).isEqualTo("aws-cloudtrail");
        assertThat(alarms.facts().get("trails").toString()).contains("acme-cloudtrail", "unauthorized-api-calls");
    }

    @Test
    void aMessageWhoseReadFailsIsNotDeleted() throws Exception {
        URI sandbox = URI.create(sandboxAws);
        WireMock admin = new WireMock(sandbox.getHost(), sandbox.getPort());
        // acme-backups' encryption denied: the bucket's read fails, as it would without s3:GetEncryptionConfiguration
        StubMapping denied = admin.register(get(urlPathMatching(sandbox.getPath() + "/acme-backups/?"))
                .withQueryParam("encryption", matching(".*")).atPriority(1)
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/xml")
                        .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code>"
                                + "<Message>Access Denied</Message><RequestId>SANDBOX0DENIED01</RequestId></Error>")));
        try {
            String body = event("PutBucketVersioning.json");
            String id = CloudTrailFixtures.event(S3CloudTrailTargetsTest.class, "PutBucketVersioning.json").path("id").asText();
            String handle = Queue.stub.put(body);

            await().atMost(WAIT).until(() -> given().get("/api/collections").then().extract().jsonPath()
                    .getList("findAll { it.trigger?.deliveryId == '" + id + "' && it.finishedAt != null }")
                    .size() == 1);
            assertThat(given().get("/api/collections").then().extract().jsonPath()
                    .getString("find { it.trigger?.deliveryId == '" + id + "' }.state")).isEqualTo("FAILED");
            Thread.sleep(1000);
            assertThat(Queue.stub.deletes(handle)).isEmpty();
        } finally {
            admin.removeStubMapping(denied);
        }
    }
}
