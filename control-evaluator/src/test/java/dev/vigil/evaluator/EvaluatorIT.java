package dev.vigil.evaluator;

import dev.vigil.common.evidence.CollectionRunEvent;
import dev.vigil.common.evidence.ControlStatus;
import dev.vigil.common.evidence.ControlStatusEvent;
import dev.vigil.common.evidence.EventCodec;
import dev.vigil.common.evidence.EvidenceEvent;
import dev.vigil.common.evidence.FailingResource;
import dev.vigil.common.evidence.Provenance;
import dev.vigil.common.evidence.RunFailure;
import dev.vigil.common.evidence.RunState;
import dev.vigil.common.evidence.SourceRef;
import dev.vigil.common.evidence.Topics;
import dev.vigil.common.evidence.Trigger;
import dev.vigil.common.signing.Ed25519Keys;
import dev.vigil.common.signing.EventSigner;
import dev.vigil.evaluator.evaluation.ControlEvaluationService;
import dev.vigil.access.testing.TestCallers;
import dev.vigil.stack.testing.KafkaTestClient;
import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.PostgresTestResource;
import dev.vigil.stack.testing.TestEventKeys;
import dev.vigil.stack.testing.TestServers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

/**
 * The evaluator against a real Kafka broker and a real PostgreSQL: what it concludes from evidence and
 * collection runs as they arrive on the topics, including bad records and redeliveries.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class EvaluatorIT {
    @BeforeAll
    static void callAsService() {
        TestCallers.callAsService();
    }

    static final SourceRef AWS = new SourceRef("aws", "111122223333");
    static final SourceRef OKTA = new SourceRef("okta", "acme-demo.okta.com");
    static final String S3 = "aws.s3.bucket";
    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    ControlEvaluationService evaluation;
    @Inject
    dev.vigil.common.catalogue.Catalogue catalogue;

    KafkaTestClient kafka;
    KafkaTestClient.Tail statuses;
    MovableClock clock;
    /** Every record this test sent, in order, so it can be replayed: topic, key, value. */
    final List<String[]> sent = new java.util.ArrayList<>();

    @BeforeEach
    void cleanState() throws Exception {
        ControlsFromEvidenceIT.truncateEvaluatorState();
        clock = new MovableClock();
        io.quarkus.test.junit.QuarkusMock.installMockForType(clock, dev.vigil.evaluator.evaluation.EvaluatorClock.class);
        kafka = KafkaTestClient.forTestBroker();
        statuses = kafka.tailFromNow(Topics.CONTROL_STATUS);
    }

    @AfterEach
    void close() {
        statuses.close();
        kafka.close();
    }

    // ---- helpers ----

    static Map<String, Object> bucket(String name, String encryption) {
        Map<String, Object> f = new HashMap<>();
        f.put("bucket", name);
        f.put("region", "us-east-1");
        f.put("defaultEncryption", encryption);
        f.put("kmsKeyId", null);
        f.put("bucketKeyEnabled", false);
        return f;
    }

    static String key(String bucket) {
        return "aws:111122223333:s3:" + bucket;
    }

    static EvidenceEvent evidence(String runId, Map<String, Object> facts) {
        String name = (String) facts.get("bucket");
        return EvidenceEvent.of(AWS, S3, key(name), Instant.now(), runId, facts,
                new Provenance("s3:GetBucketEncryption", Map.of("Bucket", name), null, "ab".repeat(32),
                        "aws-s3", "test"));
    }

    static CollectionRunEvent run(SourceRef source, String collector, String type, String runId, Instant started,
                                  RunState state, long count, List<RunFailure> failures) {
        return new CollectionRunEvent(runId, collector, source, state, started, Instant.now(), List.of(type),
                Map.of(type, count), failures);
    }

    void send(EvidenceEvent e) {
        send(Topics.EVIDENCE, e.resourceKey(), EventCodec.encode(e));
    }

    void send(CollectionRunEvent r) {
        send(Topics.COLLECTION_RUNS, r.key(), EventCodec.encode(r));
    }

    void send(String topic, String key, String value) {
        kafka.sendEvent(topic, key, value);
        sent.add(new String[]{topic, key, value});
    }

    /** Collects S3 evidence for the named buckets as one complete run; the run's end goes first if asked. */
    void completeS3Run(boolean endFirst, Map<String, Object>... buckets) {
        String runId = UUID.randomUUID().toString();
        Instant started = Instant.now();
        send(run(AWS, "aws-s3", S3, runId, started, RunState.STARTED, 0, List.of()));
        CollectionRunEvent end = run(AWS, "aws-s3", S3, runId, started, RunState.COMPLETED, buckets.length,
                List.of());
        if (endFirst) {
            send(end);
        }
        for (Map<String, Object> b : buckets) {
            send(evidence(runId, b));
        }
        if (!endFirst) {
            send(end);
        }
    }

    ControlStatusEvent awaitStatus(String controlId, ControlStatus status, int inScope) {
        return awaitStatus(controlId, s -> s.status() == status && s.resourcesInScope() == inScope);
    }

    /** The newest status event of the control that matches, waiting for one if none has arrived yet. */
    ControlStatusEvent awaitStatus(String controlId, java.util.function.Predicate<ControlStatusEvent> match) {
        java.util.function.Predicate<ControlStatusEvent> wanted = s -> s.controlId().equals(controlId) && match.test(s);
        return statuses.awaitAny(r -> wanted.test(EventCodec.decodeStatus(r.value())), WAIT).stream()
                .map(r -> EventCodec.decodeStatus(r.value())).filter(wanted).reduce((a, b) -> b).orElseThrow();
    }

    static long eventsOf(String controlId, List<ConsumerRecord<String, String>> records) {
        return records.stream().filter(r -> controlId.equals(r.key())).count();
    }

    // ---- tests ----

    @Test
    void twoEvaluatorsOfOneControlAtOncePublishOnceForEachChangeWithStrictlyIncreasingVersions() throws Exception {
        // Each instance evaluates every control; here two threads (two transactions) do so at the same moment, and
        // the scheduler's own evaluations run beside them. IR-03 is a control no other test of this class feeds.
        String id = "IR-03";
        var control = catalogue.control(id).orElseThrow();
        evaluation.evaluateAndPublish(control); // it has a recorded status, whoever published it
        long before = recordedVersion(id);
        int changes = 6;
        var executor = java.util.concurrent.Executors.newFixedThreadPool(2);
        try (KafkaTestClient.Tail tail = kafka.tailFromNow(Topics.CONTROL_STATUS)) {
            for (int change = 0; change < changes; change++) {
                forgetRecordedStatus(id); // the next evaluation differs from the one recorded: a change to publish
                var together = new java.util.concurrent.CyclicBarrier(2);
                List<java.util.concurrent.Future<?>> both = new java.util.ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    both.add(executor.submit(() -> {
                        together.await(10, java.util.concurrent.TimeUnit.SECONDS);
                        return evaluation.evaluateAndPublish(control);
                    }));
                }
                for (var f : both) {
                    f.get(30, java.util.concurrent.TimeUnit.SECONDS);
                }
            }
            // Every publication was acknowledged by the broker before its evaluation returned.
            List<ControlStatusEvent> published = tail.drain(Duration.ofSeconds(2)).stream()
                    .filter(r -> id.equals(r.key())).map(r -> EventCodec.decodeStatus(r.value())).toList();
            assertThat(published).extracting(ControlStatusEvent::version)
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(before + 1, before + changes)
                            .boxed().toList());
            assertThat(published).extracting(ControlStatusEvent::evaluatedAt).isSorted().doesNotHaveDuplicates();
        } finally {
            executor.shutdownNow();
        }
        assertThat(recordedVersion(id)).isEqualTo(before + changes);
        var db = TestServers.postgres();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             var rs = c.createStatement().executeQuery("SELECT count(*), count(DISTINCT version), max(version)"
                     + " FROM evaluator.published_status WHERE control_id = '" + id + "'")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(before + changes); // one record per publication
            assertThat(rs.getLong(2)).isEqualTo(before + changes);
            assertThat(rs.getLong(3)).isEqualTo(before + changes);
        }
    }

    static long recordedVersion(String controlId) throws Exception {
        var db = TestServers.postgres();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             var rs = c.createStatement().executeQuery(
                     "SELECT version FROM evaluator.control_state WHERE control_id = '" + controlId + "'")) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    /** Makes the recorded status differ from what evaluating the control gives, as a change of its inputs would. */
    static void forgetRecordedStatus(String controlId) throws Exception {
        var db = TestServers.postgres();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password())) {
            c.createStatement().execute(
                    "UPDATE evaluator.control_state SET fingerprint = 'changed' WHERE control_id = '" + controlId + "'");
        }
    }

    @Test
    void fourThousandFailingBucketsArePublishedAsOneBoundedStatusAndTheWholeListIsServedPageByPage() {
        int n = 4_000; // enough to be past Kafka's limit listed whole, few enough to keep the suite quick
        String runId = UUID.randomUUID().toString();
        Instant started = Instant.now();
        send(run(AWS, "aws-s3", S3, runId, started, RunState.STARTED, 0, List.of()));
        List<Map.Entry<String, String>> records = new java.util.ArrayList<>();
        List<String> keys = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            EvidenceEvent e = evidence(runId, bucket("acme-unencrypted-%05d".formatted(i), null));
            records.add(Map.entry(e.resourceKey(), EventCodec.encode(e)));
            keys.add(e.resourceKey());
        }
        kafka.sendEvents(Topics.EVIDENCE, records);
        send(run(AWS, "aws-s3", S3, runId, started, RunState.COMPLETED, n, List.of()));

        // Listed whole, this status would be about 1.6 MB: Kafka (max.request.size 1 MiB) would refuse it for ever.
        ConsumerRecord<String, String> record = awaitRecord("LS-01", s -> s.failingResourceCount() == n,
                Duration.ofMinutes(3));
        assertThat(record.value().getBytes(StandardCharsets.UTF_8).length).isLessThan(1024 * 1024);
        ControlStatusEvent fail = EventCodec.decodeStatus(record.value());
        assertThat(fail.status()).isEqualTo(ControlStatus.FAIL);
        assertThat(fail.resourcesInScope()).isEqualTo(n);
        assertThat(fail.failingResources()).extracting(FailingResource::resourceKey)
                .containsExactlyElementsOf(keys.subList(0, 200)); // the configured default, in key order

        // The whole list, page by page: current, and by the status's evaluation time. A status is published before
        // its evaluation commits (docs/reliability.md), so the current list may lag the event by that commit.
        awaitCurrentCount("LS-01", n);
        assertThat(allFailingKeys("LS-01", null)).containsExactlyElementsOf(keys);
        assertThat(allFailingKeys("LS-01", fail.evaluatedAt())).containsExactlyElementsOf(keys);

        // A change past the listed ones is still a new status; the earlier one keeps its whole list.
        EvidenceEvent fixed = evidence(UUID.randomUUID().toString(), bucket("acme-unencrypted-%05d".formatted(n - 1),
                "AES256"));
        send(fixed);
        ControlStatusEvent after = EventCodec.decodeStatus(awaitRecord("LS-01",
                s -> s.failingResourceCount() == n - 1, WAIT).value());
        assertThat(after.failingResources()).isEqualTo(fail.failingResources());
        awaitCurrentCount("LS-01", n - 1);
        assertThat(allFailingKeys("LS-01", null)).containsExactlyElementsOf(keys.subList(0, n - 1));
        assertThat(allFailingKeys("LS-01", fail.evaluatedAt())).hasSize(n);

        given().get("/api/controls/LS-01/failing-resources?evaluatedAt=" + fail.evaluatedAt().minusSeconds(1))
                .then().statusCode(404);
        given().get("/api/controls/NO-SUCH/failing-resources").then().statusCode(404);
        given().get("/api/controls/LS-01/failing-resources?limit=0").then().statusCode(400);
    }

    /** The newest status record of the control whose event matches, waiting up to {@code wait}. */
    ConsumerRecord<String, String> awaitRecord(String controlId, java.util.function.Predicate<ControlStatusEvent> match,
                                               Duration wait) {
        java.util.function.Predicate<ConsumerRecord<String, String>> wanted = r -> controlId.equals(r.key())
                && match.test(EventCodec.decodeStatus(r.value()));
        return statuses.awaitAny(wanted, wait).stream().filter(wanted).reduce((a, b) -> b).orElseThrow();
    }

    /** Until the control's current status, as the API serves it, counts {@code count} failing resources. */
    static void awaitCurrentCount(String controlId, int count) {
        org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(given()
                .get("/api/controls/" + controlId + "/failing-resources?limit=1").then().statusCode(200).extract()
                .jsonPath().getInt("failingResourceCount")).isEqualTo(count));
    }

    /** Every failing resource key of the status at {@code at} (current when null), read 3,000 at a time. */
    static List<String> allFailingKeys(String controlId, Instant at) {
        List<String> all = new java.util.ArrayList<>();
        Integer offset = 0;
        int pages = 0;
        while (offset != null) {
            var page = given().get("/api/controls/" + controlId + "/failing-resources?limit=3000&offset=" + offset
                            + (at == null ? "" : "&evaluatedAt=" + at))
                    .then().statusCode(200).extract().jsonPath();
            all.addAll(page.getList("failingResources.resourceKey", String.class));
            assertThat(page.getInt("failingResourceCount")).isGreaterThanOrEqualTo(all.size());
            offset = page.get("nextOffset");
            pages++;
        }
        assertThat(pages).isGreaterThan(1);
        return all;
    }

    @Test
    void passTurnsFailWhenAFactChangesAndADuplicateDeliveryChangesNothing() {
        completeS3Run(false, bucket("acme-a", "AES256"), bucket("acme-b", "aws:kms"));
        ControlStatusEvent pass = awaitStatus("LS-01", ControlStatus.PASS, 2);
        assertThat(pass.failingResources()).isEmpty();

        String runId = UUID.randomUUID().toString();
        Instant started = Instant.now();
        EvidenceEvent unencrypted = evidence(runId, bucket("acme-b", null));
        EvidenceEvent same = evidence(runId, bucket("acme-a", "AES256"));
        CollectionRunEvent end = run(AWS, "aws-s3", S3, runId, started, RunState.COMPLETED, 2, List.of());
        send(same);
        send(unencrypted);
        send(end);
        ControlStatusEvent fail = awaitStatus("LS-01", ControlStatus.FAIL, 2);
        assertThat(fail.failingResources()).extracting(FailingResource::resourceKey, FailingResource::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(key("acme-b"),
                        "bucket acme-b has no default encryption configured"));
        assertThat(fail.failingResources().get(0).evidenceId()).isEqualTo(unencrypted.id());
        assertThat(fail.failingResources().get(0).provenance().operation()).isEqualTo("s3:GetBucketEncryption");

        // The same records delivered again: no status event follows, the stored state is unchanged.
        long before = eventsOf("LS-01", statuses.drain(Duration.ofSeconds(2)));
        send(unencrypted);
        send(same);
        send(end);
        assertThat(eventsOf("LS-01", statuses.drain(Duration.ofSeconds(3)))).isEqualTo(before);
        given().get("/api/resources?type=" + S3).then().statusCode(200)
                .body("find { it.resourceKey == '" + key("acme-b") + "' }.evidenceId",
                        org.hamcrest.Matchers.equalTo(unencrypted.id()));
        // with facts=true, each resource carries its current version's facts (report-service's generated documents)
        given().get("/api/resources?type=" + S3 + "&facts=true").then().statusCode(200)
                .body("find { it.resourceKey == '" + key("acme-b") + "' }.facts.bucket",
                        org.hamcrest.Matchers.equalTo("acme-b"));
        given().get("/api/resources?type=" + S3).then().statusCode(200)
                .body("find { it.resourceKey == '" + key("acme-b") + "' }.facts",
                        org.hamcrest.Matchers.nullValue());
    }

    @Test
    void metricsCountEvidenceStoredAndControlsEvaluated() {
        double stored = metric("vigil_evaluator_evidence_events_total{outcome=\"stored\"");
        double published = metric("vigil_evaluator_evaluation_seconds_count{published=\"true\"");
        completeS3Run(false, bucket("acme-m1", "AES256"), bucket("acme-m2", null));
        awaitStatus("LS-01", ControlStatus.FAIL, 2);
        org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            assertThat(metric("vigil_evaluator_evidence_events_total{outcome=\"stored\"")).isGreaterThanOrEqualTo(stored + 2);
            assertThat(metric("vigil_evaluator_evaluation_seconds_count{published=\"true\"")).isGreaterThan(published);
            assertThat(metric("vigil_evaluator_evidence_age_seconds_count")).isGreaterThanOrEqualTo(2);
        });
    }

    /** A counter's or timer's value in the Prometheus scrape, 0 when it is not there yet. */
    static double metric(String nameAndFirstTag) {
        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return scrape.lines().filter(l -> l.startsWith(nameAndFirstTag))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void accessDeniedMakesTheControlNotEvaluatedNamingThePermissionNeverFail() {
        String runId = UUID.randomUUID().toString();
        send(run(OKTA, "okta-user-mfa", "okta.user", runId, Instant.now(), RunState.FAILED, 0,
                List.of(new RunFailure("okta.user", null, "403 Forbidden from GET /api/v1/users", "okta.users.read"))));
        ControlStatusEvent s = awaitStatus("LS-26", ControlStatus.NOT_EVALUATED, 0);
        assertThat(s.reason()).contains("okta.users.read").contains("403 Forbidden");
        assertThat(s.failingResources()).isEmpty();
    }

    @Test
    void resourcesLeaveScopeAfterACompleteRunButNotAfterAPartialOne() {
        completeS3Run(false, bucket("acme-a", "AES256"), bucket("acme-b", "AES256"), bucket("acme-old", null));
        awaitStatus("LS-01", ControlStatus.FAIL, 3);

        // A partial run that did not see acme-old: it stays in scope, still failing.
        String partialRun = UUID.randomUUID().toString();
        Instant started = Instant.now();
        send(evidence(partialRun, bucket("acme-a", "AES256")));
        send(evidence(partialRun, bucket("acme-b", "AES256")));
        send(run(AWS, "aws-s3", S3, partialRun, started, RunState.PARTIAL, 2,
                List.of(new RunFailure(S3, key("acme-x"), "AccessDenied", "s3:GetEncryptionConfiguration"))));
        ControlStatusEvent stillFailing = awaitStatus("LS-01", st -> st.status() == ControlStatus.FAIL
                && st.resourcesInScope() == 3 && st.reason() != null);
        assertThat(stillFailing.failingResources()).extracting(FailingResource::resourceKey).containsExactly(key("acme-old"));
        assertThat(stillFailing.reason()).contains("could not read " + key("acme-x"));

        // A complete run whose end arrives before its evidence: acme-old leaves scope once all evidence is in.
        completeS3Run(true, bucket("acme-a", "AES256"), bucket("acme-b", "AES256"));
        awaitStatus("LS-01", ControlStatus.PASS, 2);
        given().get("/api/resources?type=" + S3).then().statusCode(200)
                .body("find { it.resourceKey == '" + key("acme-old") + "' }.inScope", org.hamcrest.Matchers.equalTo(false));
    }

    static EvidenceEvent evidenceAt(Instant at, String runId, Map<String, Object> facts, Trigger trigger) {
        EvidenceEvent e = evidence(runId, facts);
        return EvidenceEvent.of(AWS, S3, e.resourceKey(), at, runId, facts,
                trigger == null ? e.provenance() : e.provenance().withTrigger(trigger));
    }

    static CollectionRunEvent targetedRun(String runId, Instant started, RunState state, long count,
                                          List<RunFailure> failures, Trigger trigger) {
        return new CollectionRunEvent(runId, "aws-s3", AWS, state, started, Instant.now(), List.of(S3),
                Map.of(S3, count), failures, trigger);
    }

    /** A targeted run of aws-s3 that re-read one bucket because of a provider event: its evidence, then its end. */
    EvidenceEvent targetedRead(Instant at, Map<String, Object> facts, Trigger trigger) {
        String runId = UUID.randomUUID().toString();
        EvidenceEvent read = evidenceAt(at, runId, facts, trigger);
        send(read);
        send(targetedRun(runId, trigger.receivedAt(), RunState.COMPLETED, 1, List.of(), trigger));
        return read;
    }

    static Trigger cloudTrailEvent(String eventName, Instant receivedAt) {
        return new Trigger("aws", UUID.randomUUID().toString(), eventName, receivedAt);
    }

    /** Until the S3 coverage names this sweep and its scope is settled. */
    static void awaitSettled(String sweep) {
        org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/coverage").then()
                .statusCode(200).body("find { it.resourceType == '" + S3 + "' }.runId", org.hamcrest.Matchers.equalTo(sweep))
                .body("find { it.resourceType == '" + S3 + "' }.scopeSettled", org.hamcrest.Matchers.equalTo(true)));
    }

    @Test
    void aTargetedRunMovesFactsButNeverScopeAndTheSweepItOvertookStillSeesTheResource() throws Exception {
        completeS3Run(false, bucket("acme-a", "AES256"), bucket("acme-b", "AES256"));
        awaitStatus("LS-01", ControlStatus.PASS, 2);
        String firstSweep = given().get("/api/coverage").then().statusCode(200).extract().jsonPath()
                .getString("find { it.resourceType == '" + S3 + "' }.runId");

        // A sweep starts and reads both buckets; meanwhile an event makes a targeted run re-read acme-b, which has
        // lost its encryption. The targeted evidence arrives first.
        String sweep = UUID.randomUUID().toString();
        Instant started = Instant.now();
        send(run(AWS, "aws-s3", S3, sweep, started, RunState.STARTED, 0, List.of()));
        Trigger edited = cloudTrailEvent("DeleteBucketEncryption", started.plusMillis(20));
        EvidenceEvent eventB = targetedRead(started.plusMillis(30), bucket("acme-b", null), edited);
        ControlStatusEvent fail = awaitStatus("LS-01", ControlStatus.FAIL, 2);
        assertThat(fail.failingResources()).singleElement().satisfies(f -> {
            assertThat(f.evidenceId()).isEqualTo(eventB.id());
            assertThat(f.provenance().trigger()).isEqualTo(edited);
        });

        // A targeted read that fails is recorded on its run, and is no coverage gap: LS-01 stays judged.
        Trigger second = cloudTrailEvent("PutBucketEncryption", started.plusMillis(40));
        String failed = UUID.randomUUID().toString();
        send(targetedRun(failed, started.plusMillis(40), RunState.FAILED, 0, List.of(new RunFailure(S3, key("acme-a"),
                "AccessDenied", "s3:GetEncryptionConfiguration")), second));

        // The sweep's own evidence, older than the targeted read, then its end: both buckets count as seen by it.
        send(evidenceAt(started.plusMillis(10), sweep, bucket("acme-a", "AES256"), null));
        send(evidenceAt(started.plusMillis(15), sweep, bucket("acme-b", "AES256"), null));
        send(run(AWS, "aws-s3", S3, sweep, started, RunState.COMPLETED, 2, List.of()));
        awaitSettled(sweep);
        given().get("/api/coverage").then().statusCode(200)
                .body("find { it.resourceType == '" + S3 + "' }.gaps", org.hamcrest.Matchers.empty());
        given().get("/api/resources?type=" + S3).then().statusCode(200)
                .body("findAll { it.inScope }.resourceKey", org.hamcrest.Matchers.containsInAnyOrder(key("acme-a"), key("acme-b")))
                .body("find { it.resourceKey == '" + key("acme-b") + "' }.evidenceId", org.hamcrest.Matchers.equalTo(eventB.id()))
                .body("find { it.resourceKey == '" + key("acme-b") + "' }.runId", org.hamcrest.Matchers.equalTo(sweep));
        assertThat(firstSweep).isNotEqualTo(sweep);

        // A bucket created while the next sweep runs, found by an event after the sweep listed the buckets: the
        // sweep that did not see it does not retire it.
        String next = UUID.randomUUID().toString();
        Instant nextStarted = Instant.now();
        send(run(AWS, "aws-s3", S3, next, nextStarted, RunState.STARTED, 0, List.of()));
        targetedRead(nextStarted.plusMillis(30), bucket("acme-new", "AES256"),
                cloudTrailEvent("CreateBucket", nextStarted.plusMillis(20)));
        send(evidenceAt(nextStarted.plusMillis(5), next, bucket("acme-a", "AES256"), null));
        send(evidenceAt(nextStarted.plusMillis(6), next, bucket("acme-b", null), null));
        send(run(AWS, "aws-s3", S3, next, nextStarted, RunState.COMPLETED, 2, List.of()));
        awaitSettled(next);
        awaitStatus("LS-01", ControlStatus.FAIL, 3);
        given().get("/api/resources?type=" + S3).then().statusCode(200)
                .body("findAll { it.inScope }.resourceKey", org.hamcrest.Matchers.containsInAnyOrder(key("acme-a"),
                        key("acme-b"), key("acme-new")));

        // The targeted runs are recorded with their trigger and failures, never as the coverage's run.
        var db = TestServers.postgres();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             var rows = c.createStatement().executeQuery("SELECT state, trigger ->> 'deliveryId', failures::text "
                     + "FROM evaluator.collection_run WHERE run_id = '" + failed + "'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("FAILED");
            assertThat(rows.getString(2)).isEqualTo(second.deliveryId());
            assertThat(rows.getString(3)).contains("AccessDenied");
        }
    }

    @Test
    void replayingEveryRecordAgainChangesNoResult() {
        completeS3Run(false, bucket("acme-a", "AES256"), bucket("acme-old", null));
        awaitStatus("LS-01", ControlStatus.FAIL, 2);
        completeS3Run(false, bucket("acme-a", "aws:kms"), bucket("acme-b", null));
        ControlStatusEvent last = awaitStatus("LS-01", st -> st.status() == ControlStatus.FAIL
                && st.resourcesInScope() == 2 && st.failingResources().get(0).resourceKey().equals(key("acme-b")));

        long before = eventsOf("LS-01", statuses.drain(Duration.ofSeconds(2)));
        List.copyOf(sent).forEach(r -> kafka.sendEvent(r[0], r[1], r[2]));
        assertThat(eventsOf("LS-01", statuses.drain(Duration.ofSeconds(4)))).as("LS-01 events after the replay")
                .isEqualTo(before);
        given().get("/api/resources?type=" + S3).then().statusCode(200)
                .body("findAll { it.inScope }.resourceKey", org.hamcrest.Matchers.containsInAnyOrder(key("acme-a"), key("acme-b")));
        assertThat(last.failingResources()).hasSize(1);
    }

    @Test
    void evidenceOlderThanTheFreshnessWindowTurnsThePassStale() {
        completeS3Run(false, bucket("acme-a", "AES256"));
        awaitStatus("LS-01", ControlStatus.PASS, 1);
        clock.advance(Duration.ofHours(25)); // LS-01 operates continuously: evidence may be a day old at most
        ControlStatusEvent stale = awaitStatus("LS-01", ControlStatus.STALE, 1);
        assertThat(stale.reason()).startsWith("evidence of 1 resource(s) is older than 24 h");
        completeS3Run(false, bucket("acme-a", "AES256")); // a fresh collection makes it current again
        awaitStatus("LS-01", ControlStatus.PASS, 1);
    }

    @Test
    void aFailureIsExceptedUntilTheExceptionExpiresThenFailsAgain() {
        completeS3Run(false, bucket("acme-a", "AES256"), bucket("acme-legacy", null));
        awaitStatus("LS-01", ControlStatus.FAIL, 2);

        String exceptionId = given().contentType("application/json").body(Map.of(
                        "controlId", "LS-01", "resourceKey", key("acme-legacy"), "owner", "ciso@acme-demo.example",
                        "approvedBy", "cfo@acme-demo.example", "justification", "legacy export bucket, deleted in Q1",
                        "expiresAt", clock.now().plus(Duration.ofHours(1)).toString()))
                .post("/api/exceptions").then().statusCode(201).extract().path("id");
        ControlStatusEvent excepted = awaitStatus("LS-01", ControlStatus.EXCEPTED, 2);
        assertThat(excepted.failingResources()).extracting(FailingResource::exceptionId).containsExactly(exceptionId);
        assertThat(excepted.reason()).contains("legacy export bucket, deleted in Q1");

        clock.advance(Duration.ofMinutes(61));
        ControlStatusEvent failing = awaitStatus("LS-01", ControlStatus.FAIL, 2);
        assertThat(failing.failingResources()).extracting(FailingResource::exceptionId).containsOnlyNulls();
        given().get("/api/exceptions?controlId=LS-01").then().statusCode(200)
                .body("[0].active", org.hamcrest.Matchers.equalTo(false));
    }

    @Test
    void exceptionsAndScopingRejectBadRequestsWithClearErrors() {
        given().contentType("application/json").body(Map.of("controlId", "LS-99", "owner", "o", "approvedBy", "a", "justification", "j",
                        "expiresAt", clock.now().plus(Duration.ofDays(1)).toString()))
                .post("/api/exceptions").then().statusCode(400).body("error", org.hamcrest.Matchers.equalTo("unknown control 'LS-99'"));
        given().contentType("application/json").body(Map.of("controlId", "LS-01", "owner", "o", "approvedBy", "a", "justification", "j",
                        "expiresAt", clock.now().plus(Duration.ofDays(400)).toString()))
                .post("/api/exceptions").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.equalTo("an exception may last at most 365 days; renew it when it expires"));
        given().contentType("application/json").body(Map.of("controlId", "LS-01", "decidedBy", "ciso"))
                .post("/api/scoping").then().statusCode(400).body("error", org.hamcrest.Matchers.equalTo("'justification' is required"));
    }

    @Test
    void onlyARecordedScopingDecisionMakesAControlNotApplicable() {
        given().contentType("application/json").body(Map.of("controlId", "DS-04",
                        "justification", "no mobile devices access customer data", "decidedBy", "ciso@acme-demo.example",
                        "approvedBy", "cto@acme-demo.example"))
                .post("/api/scoping").then().statusCode(201);
        ControlStatusEvent na = awaitStatus("DS-04", st -> st.status() == ControlStatus.NOT_APPLICABLE);
        assertThat(na.reason()).endsWith(": no mobile devices access customer data");
        given().delete("/api/scoping/DS-04?revokedBy=ciso@acme-demo.example").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.equalTo("'approvedBy' is required"));
        given().delete("/api/scoping/DS-04?revokedBy=ciso@acme-demo.example&approvedBy=cto@acme-demo.example")
                .then().statusCode(200).body("revocationApprovedBy", org.hamcrest.Matchers.equalTo("cto@acme-demo.example"));
        awaitStatus("DS-04", st -> st.status() == ControlStatus.NO_EVIDENCE);
    }

    static EvidenceEvent document(String controlId, String type, java.time.LocalDate effective) {
        String sha = dev.vigil.common.evidence.Hashing.sha256Hex(controlId + type + effective);
        Map<String, Object> facts = new HashMap<>(Map.of("controlId", controlId, "documentType", type,
                "effectiveDate", effective.toString(), "approver", "cfo@acme-demo.example", "fileName", type + ".pdf",
                "mediaType", "application/pdf", "sha256", sha, "sizeBytes", 1024, "uploadedBy", "grc@acme-demo.example"));
        return EvidenceEvent.of(new SourceRef("manual", "uploads"), "manual.document",
                "manual:" + controlId + ":" + type + ":" + sha, Instant.now(), UUID.randomUUID().toString(), facts,
                new Provenance("upload", Map.of("fileName", type + ".pdf"), null, sha, "report-service", "test"));
    }

    @Test
    void theCommitmentsControlTurnsStale365DaysAfterItsLastReviewDocument() {
        java.time.LocalDate today = clock.now().atZone(java.time.ZoneOffset.UTC).toLocalDate();
        java.time.LocalDate reviewed = today.minusDays(300);
        for (String type : List.of("trust-page", "customer-dpa", "commitment-review", "incident-notification-sla")) {
            send(document("SOC2-S1-SECURITY-COMMITMENTS", type, reviewed));
        }
        awaitStatus("SOC2-S1-SECURITY-COMMITMENTS", st -> st.status() == ControlStatus.PASS);
        clock.advance(Duration.ofDays(64)); // day 364 after the review: still current
        assertThat(statuses.drain(Duration.ofSeconds(3)).stream().map(r -> EventCodec.decodeStatus(r.value()))
                .filter(st -> st.controlId().equals("SOC2-S1-SECURITY-COMMITMENTS")).reduce((a, b) -> b)
                .orElseThrow().status()).isEqualTo(ControlStatus.PASS);
        clock.advance(Duration.ofDays(1)); // day 365
        ControlStatusEvent stale = awaitStatus("SOC2-S1-SECURITY-COMMITMENTS", st -> st.status() == ControlStatus.STALE);
        assertThat(stale.reason()).contains("effective " + reviewed + " is 365 days old (at most 365)");
    }

    @Test
    void aMixedControlWhoseRulesPassReadsDocumentMissingWithBothPartsUntilItsDocumentIsUploaded() {
        // LS-21: the IAM password policy judged by a rule, and its configuration evidenced by a document
        String runId = UUID.randomUUID().toString();
        Instant started = Instant.now();
        String type = "aws.iam.password-policy";
        send(run(AWS, "aws-iam", type, runId, started, RunState.STARTED, 0, List.of()));
        // The run's end before its evidence, as two topics can deliver them: the control is judged once the evidence
        // is stored, never in between as a control with nothing in scope (the first status below has 1 resource).
        send(run(AWS, "aws-iam", type, runId, started, RunState.COMPLETED, 1, List.of()));
        send(EvidenceEvent.of(AWS, type, "aws:111122223333:iam:password-policy", Instant.now(), runId,
                Map.of("configured", true, "minimumLength", 16, "reuseHistory", 24),
                new Provenance("iam:GetAccountPasswordPolicy", Map.of(), null, "cd".repeat(32), "aws-iam", "test")));

        ControlStatusEvent missing = awaitStatus("LS-21", st -> st.status() == ControlStatus.DOCUMENT_MISSING);
        assertThat(missing.reason())
                .isEqualTo("rules pass on 1 resource(s) in scope; no document uploaded for: password-policy-configuration");
        assertThat(missing.automated()).isEqualTo(new dev.vigil.common.evidence.AutomatedPart(ControlStatus.PASS, 1, 0));
        assertThat(missing.documents().status()).isEqualTo(ControlStatus.NO_EVIDENCE);
        assertThat(missing.documents().missing()).containsExactly("password-policy-configuration");
        assertThat(missing.documents().present()).isEmpty();
        // the evaluator serves the parts of what it published (report-service and bundles ask it by evaluatedAt)
        given().get("/api/controls/LS-21/failing-resources?evaluatedAt=" + missing.evaluatedAt()).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("DOCUMENT_MISSING"))
                .body("automated.status", org.hamcrest.Matchers.equalTo("PASS"))
                .body("automated.resourcesInScope", org.hamcrest.Matchers.equalTo(1))
                .body("documents.missing", org.hamcrest.Matchers.contains("password-policy-configuration"));

        java.time.LocalDate today = clock.now().atZone(java.time.ZoneOffset.UTC).toLocalDate();
        send(document("LS-21", "password-policy-configuration", today));
        ControlStatusEvent pass = awaitStatus("LS-21", st -> st.status() == ControlStatus.PASS);
        assertThat(pass.automated()).isEqualTo(missing.automated());
        assertThat(pass.documents().status()).isEqualTo(ControlStatus.PASS);
        assertThat(pass.documents().present()).containsExactly("password-policy-configuration");
        assertThat(pass.documents().missing()).isEmpty();
        assertThat(pass.reason()).isEqualTo("documents current: password-policy-configuration (" + today + ")");
        given().get("/api/controls/LS-21/failing-resources").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("PASS"))
                .body("documents.present", org.hamcrest.Matchers.contains("password-policy-configuration"));
    }

    @Test
    void aUserDefinedCelRuleFromTheRulesFolderJudgesEvidence() {
        Map<String, Object> noKey = bucket("acme-kms", "aws:kms");
        completeS3Run(false, noKey);
        ControlStatusEvent ls07 = awaitStatus("LS-07", st -> st.status() == ControlStatus.FAIL);
        assertThat(ls07.failingResources()).extracting(FailingResource::ruleId, FailingResource::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("custom.s3.kms-key-named",
                        "bucket acme-kms uses SSE-KMS without a customer-managed key"));
    }

    @Test
    void everyNewEvidenceVersionJoinsTheLedgerOnceAndTheChainVerifies() throws Exception {
        completeS3Run(false, bucket("acme-ledger-a", "AES256"), bucket("acme-ledger-b", "aws:kms"));
        awaitStatus("LS-01", st -> st.resourcesInScope() == 2);
        completeS3Run(false, bucket("acme-ledger-a", "AES256"), bucket("acme-ledger-b", "AES256")); // b changed

        var db = TestServers.postgres();
        org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                 var rows = c.createStatement().executeQuery("SELECT (SELECT count(*) FROM evaluator.evidence_item), "
                         + "(SELECT count(*) FROM evaluator.evidence_ledger)")) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(3); // a, b with aws:kms, b with AES256
                assertThat(rows.getLong(2)).isEqualTo(3);
            }
        });
        for (String[] record : List.copyOf(sent)) {
            send(record[0], record[1], record[2]); // a replay adds nothing to the chain
        }

        // Each version joins the chain of the partition its record came from (the key's); each chain links on its own.
        io.restassured.path.json.JsonPath all = given().get("/api/ledger").then().statusCode(200).extract().jsonPath();
        List<String> chainOf = all.getList("records.chain", String.class);
        List<Long> positions = all.getList("records.position", Long.class);
        assertThat(chainOf).hasSize(3).allSatisfy(c -> assertThat(c).startsWith("vigil.evidence.v1-"));
        List<dev.vigil.common.ledger.LedgerRecord> records = new java.util.ArrayList<>();
        for (String chain : new java.util.TreeSet<>(chainOf)) {
            io.restassured.path.json.JsonPath segment = given().get("/api/ledger?chain=" + chain).then()
                    .statusCode(200).extract().jsonPath();
            List<dev.vigil.common.ledger.LedgerRecord> ofChain = segment.getList("records",
                    dev.vigil.common.ledger.LedgerRecord.class);
            assertThat(ofChain).extracting(dev.vigil.common.ledger.LedgerRecord::seq)
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, ofChain.size()).boxed().toList());
            assertThat(segment.getString("anchorPrevHash")).isEqualTo(dev.vigil.common.ledger.LedgerChains.genesis(chain));
            var verifier = dev.vigil.common.ledger.LedgerChains.verifier(chain, segment.getString("anchorPrevHash"), null);
            assertThat(ofChain).allMatch(verifier::accept);
            records.addAll(ofChain);
        }
        records.sort(java.util.Comparator.comparing(r -> positions.get(all.getList("records.hash").indexOf(r.hash()))));
        assertThat(records).extracting(dev.vigil.common.ledger.LedgerRecord::resourceKey)
                .containsExactlyInAnyOrder(key("acme-ledger-a"), key("acme-ledger-b"), key("acme-ledger-b"));
        given().get("/api/ledger/verification").then().statusCode(200)
                .body("valid", org.hamcrest.Matchers.is(true)).body("recordsChecked", org.hamcrest.Matchers.is(3));
        String chainB = chainOf.get(all.getList("records.resourceKey").indexOf(key("acme-ledger-b")));
        List<dev.vigil.common.ledger.LedgerRecord> ofB = given().get("/api/ledger?chain=" + chainB).then()
                .extract().jsonPath().getList("records", dev.vigil.common.ledger.LedgerRecord.class);
        long firstSeq = ofB.get(0).seq();
        given().get("/api/ledger?chain=" + chainB + "&after=" + firstSeq + "&limit=1").then().statusCode(200)
                .body("records.seq", org.hamcrest.Matchers.contains((int) firstSeq + 1))
                .body("nextAfter", org.hamcrest.Matchers.is((int) firstSeq + 1))
                .body("anchorPrevHash", org.hamcrest.Matchers.is(ofB.get(0).hash()));
        given().get("/api/ledger?chain=no%20such").then().statusCode(400);
        given().get("/api/ledger?from=yesterday").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.containsString("ISO-8601"));

        // The evidence of a period, as bundles read it: only versions observed inside it, with provenance and hash.
        Instant observed = records.get(0).observedAt();
        String inside = "/api/evidence?control=LS-01&from=" + observed.minus(Duration.ofHours(1)) + "&to="
                + Instant.now().plus(Duration.ofHours(1));
        io.restassured.path.json.JsonPath page = given().get(inside).then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("resourceTypes")).contains("aws.s3.bucket", "aws.rds.instance");
        assertThat(page.getList("items.position", Long.class)).containsExactlyElementsOf(positions);
        assertThat(page.getList("items.chain", String.class)).containsExactlyElementsOf(chainOf);
        assertThat(page.getList("items.ledgerHash")).containsExactlyElementsOf(
                records.stream().map(dev.vigil.common.ledger.LedgerRecord::hash).toList());
        assertThat(page.getString("items[0].provenance.operation")).isNotBlank();
        assertThat(page.getString("items[0].facts.bucket")).startsWith("acme-ledger-");
        given().get(inside + "&after=" + positions.get(1)).then().statusCode(200)
                .body("items.position", org.hamcrest.Matchers.contains(positions.get(2).intValue()));
        given().get("/api/evidence?control=LS-01&from=" + Instant.now().plus(Duration.ofDays(1)) + "&to="
                + Instant.now().plus(Duration.ofDays(2))).then().statusCode(200)
                .body("items", org.hamcrest.Matchers.empty());
        given().get("/api/evidence?control=LS-01&from=2020-01-01T00:00:00Z&to=" + observed.minus(Duration.ofHours(1)))
                .then().statusCode(200).body("items", org.hamcrest.Matchers.empty());
        given().get("/api/evidence?control=NOPE-1&from=2020-01-01T00:00:00Z&to=2030-01-01T00:00:00Z")
                .then().statusCode(404).body("error", org.hamcrest.Matchers.containsString("NOPE-1"));
        given().get("/api/evidence?control=LS-01").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.containsString("'from' is required"));

        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password())) {
            c.createStatement().execute("UPDATE evaluator.evidence_ledger SET resource_key = 'tampered' WHERE hash = '"
                    + ofB.get(ofB.size() - 1).hash() + "'");
        }
        given().get("/api/ledger/verification").then().statusCode(200)
                .body("valid", org.hamcrest.Matchers.is(false)).body("brokenChain", org.hamcrest.Matchers.is(chainB))
                .body("brokenSeq", org.hamcrest.Matchers.is((int) ofB.get(ofB.size() - 1).seq()))
                .body("breakage", org.hamcrest.Matchers.is("HASH_MISMATCH"))
                .body("problems[0].message", org.hamcrest.Matchers.startsWith("chain " + chainB + " seq "));
    }

    @Test
    void aRiskAcceptanceAndItsRevocationJoinTheLedgerWithRequesterAndApproverAndTheChainVerifies() {
        completeS3Run(false, bucket("acme-ra", "AES256"));
        awaitStatus("LS-01", st -> st.resourcesInScope() == 1);
        given().contentType("application/json").body(Map.of("controlId", "LS-01", "requestedBy", "alice",
                        "justification", "j", "expiresAt", clock.now().plus(Duration.ofDays(1)).toString()))
                .post("/api/exceptions").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.equalTo("'approvedBy' is required"));

        io.restassured.path.json.JsonPath created = given().contentType("application/json").body(Map.of(
                        "controlId", "LS-01", "requestedBy", "alice", "approvedBy", "bob",
                        "justification", "bucket retired with the Q1 migration",
                        "expiresAt", clock.now().plus(Duration.ofDays(30)).toString()))
                .post("/api/exceptions").then().statusCode(201).extract().jsonPath();
        String id = created.getString("id");
        assertThat(created.getString("owner")).isEqualTo("alice");
        assertThat(created.getString("requestedBy")).isEqualTo("alice");
        assertThat(created.getString("approvedBy")).isEqualTo("bob");
        given().delete("/api/exceptions/" + id + "?revokedBy=bob").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.equalTo("'approvedBy' is required"));
        given().delete("/api/exceptions/" + id + "?revokedBy=bob&approvedBy=carol").then().statusCode(200)
                .body("revokedBy", org.hamcrest.Matchers.equalTo("bob"))
                .body("revocationApprovedBy", org.hamcrest.Matchers.equalTo("carol"));

        List<dev.vigil.common.ledger.LedgerRecord> decided = given().get("/api/ledger?chain=decisions").then()
                .statusCode(200).extract().jsonPath().getList("records", dev.vigil.common.ledger.LedgerRecord.class)
                .stream()
                .filter(r -> r.resourceType().equals("vigil.exception")).toList();
        assertThat(decided).hasSize(2).allSatisfy(r -> {
            assertThat(r.resourceKey()).isEqualTo(id);
            assertThat(r.source()).isEqualTo("vigil://approvals");
        });
        given().get("/api/ledger/verification").then().statusCode(200)
                .body("valid", org.hamcrest.Matchers.is(true)).body("recordsChecked", org.hamcrest.Matchers.is(
                        given().get("/api/ledger").then().extract().jsonPath().getList("records").size()));

        // The documents: their sha256 is the records' evidenceId, and they name requester and approver.
        io.restassured.path.json.JsonPath docs = given().get("/api/ledger/decisions").then().statusCode(200)
                .extract().jsonPath();
        assertThat(docs.getList("evidenceId")).containsExactlyElementsOf(
                decided.stream().map(dev.vigil.common.ledger.LedgerRecord::evidenceId).toList());
        for (int i = 0; i < 2; i++) {
            String document = docs.getString("[" + i + "].document");
            assertThat(dev.vigil.common.ledger.LedgerDecision.evidenceId(document.getBytes(StandardCharsets.UTF_8)))
                    .isEqualTo(decided.get(i).evidenceId());
        }
        Map<String, String> accepted = dev.vigil.common.ledger.LedgerDecision.read(
                docs.getString("[0].document").getBytes(StandardCharsets.UTF_8));
        assertThat(accepted).containsEntry("event", "ACCEPTED").containsEntry("requestedBy", "alice")
                .containsEntry("approvedBy", "bob").containsEntry("controlId", "LS-01").doesNotContainKey("revokedBy");
        assertThat(dev.vigil.common.ledger.LedgerDecision.read(docs.getString("[1].document")
                .getBytes(StandardCharsets.UTF_8))).containsEntry("event", "REVOKED")
                .containsEntry("revokedBy", "bob").containsEntry("revocationApprovedBy", "carol");
    }

    @Test
    void aPersonDeactivatedInTheIdentityProviderButStillAGitHubMemberFailsLs19() {
        SourceRef okta = new SourceRef("okta", "leavers.okta.com");
        SourceRef github = new SourceRef("github", "leavers-org");
        String oktaRun = UUID.randomUUID().toString();
        String githubRun = UUID.randomUUID().toString();
        Instant started = Instant.now();
        Provenance prov = new Provenance("GET /api/v1/users", Map.of(), null, "cd".repeat(32), "okta-user-mfa", "test");
        Map<String, Object> leaver = new HashMap<>(Map.of("login", "lee@leavers.example", "email", "Lee@leavers.example",
                "status", "DEPROVISIONED", "statusChanged", "2026-11-01T09:00:00.000Z", "factors", List.of()));
        leaver.put("lastLogin", null);
        send(EvidenceEvent.of(okta, "okta.user", "okta:leavers.okta.com:user:lee", Instant.now(), oktaRun, leaver, prov));
        send(EvidenceEvent.of(okta, "okta.user", "okta:leavers.okta.com:user:max", Instant.now(), oktaRun,
                Map.of("login", "max@leavers.example", "email", "max@leavers.example", "status", "ACTIVE",
                        "factors", List.of()), prov));
        send(run(okta, "okta-user-mfa", "okta.user", oktaRun, started, RunState.COMPLETED, 2, List.of()));
        Map<String, Object> member = new HashMap<>(Map.of("login", "lee-gh", "id", 77, "role", "member",
                "email", "lee@leavers.example", "emailSource", "saml-identity", "identitiesRead", true));
        member.put("twoFactorEnabled", null);
        member.put("identityNotFound", null);
        Provenance members = new Provenance("GET /orgs/{org}/members", Map.of(), null, "ef".repeat(32),
                "github-branch-protection", "test");
        send(EvidenceEvent.of(github, "github.member", "github:leavers-org:member:lee-gh", Instant.now(), githubRun,
                member, members));
        Map<String, Object> ghost = new HashMap<>(Map.of("login", "ghost-42", "id", 78, "role", "member",
                "identitiesRead", true, "identityNotFound", "no SAML identity linked to this account"));
        ghost.put("email", null);
        ghost.put("emailSource", null);
        send(EvidenceEvent.of(github, "github.member", "github:leavers-org:member:ghost-42", Instant.now(), githubRun,
                ghost, members));
        send(run(github, "github-branch-protection", "github.member", githubRun, started, RunState.COMPLETED, 2,
                List.of()));

        ControlStatusEvent ls19 = awaitStatus("LS-19", st -> st.status() == ControlStatus.FAIL
                && st.failingResources().stream().anyMatch(f -> f.resourceKey().equals("identity:lee@leavers.example")));
        FailingResource lee = ls19.failingResources().stream()
                .filter(f -> f.resourceKey().equals("identity:lee@leavers.example")).findFirst().orElseThrow();
        assertThat(lee.ruleId()).isEqualTo("identity.leaver-access-removed");
        assertThat(lee.reason()).startsWith("lee@leavers.example was deactivated in the identity provider on 2026-11-01")
                .endsWith("but still has github account lee-gh (vigil://github/leavers-org), joined by SAML identity");
        assertThat(lee.provenance().operation()).isEqualTo("identity-join");
        assertThat(lee.provenance().parameters()).containsKeys("okta:leavers.okta.com:user:lee",
                "github:leavers-org:member:lee-gh");
        assertThat(ls19.failingResources()).noneMatch(f -> f.resourceKey().equals("identity:max@leavers.example"));

        // An account attributed to no one is evidence too: access nobody answers for.
        ControlStatusEvent withGhost = awaitStatus("LS-19", st -> st.failingResources().stream()
                .anyMatch(f -> f.resourceKey().equals("identity-account:github:leavers-org:member:ghost-42")));
        FailingResource unattributed = withGhost.failingResources().stream()
                .filter(f -> f.resourceKey().equals("identity-account:github:leavers-org:member:ghost-42"))
                .findFirst().orElseThrow();
        assertThat(unattributed.ruleId()).isEqualTo("identity.account-attributed");
        assertThat(unattributed.resourceType()).isEqualTo("identity.account");
        assertThat(unattributed.reason()).isEqualTo("github account ghost-42 (vigil://github/leavers-org) is attributed "
                + "to no one in the identity provider: no SAML identity linked to this account");
        assertThat(unattributed.provenance().parameters()).containsOnlyKeys("github:leavers-org:member:ghost-42");
        assertThat(withGhost.failingResources()).noneMatch(f -> f.resourceKey().contains("lee-gh")); // attributed
    }

    // ---- partial results at the grain of what failed ----

    static final SourceRef PARTIAL_OKTA = new SourceRef("okta", "partial.okta.com");
    static final SourceRef PARTIAL_GITHUB = new SourceRef("github", "partial-org");
    static final List<String> GITHUB_TYPES = List.of("github.organization", "github.member", "github.repository");

    /** Okta: lee has left, max is active with a strong factor (LS-26 passes on both). */
    void oktaWithALeaver() {
        String runId = UUID.randomUUID().toString();
        Instant started = Instant.now();
        Provenance prov = new Provenance("GET /api/v1/users", Map.of(), null, "cd".repeat(32), "okta-user-mfa", "test");
        Map<String, Object> lee = new HashMap<>(Map.of("login", "lee@partial.example", "email", "lee@partial.example",
                "status", "DEPROVISIONED", "statusChanged", "2026-11-01T09:00:00.000Z", "factors", List.of(),
                "adminRoles", List.of()));
        Map<String, Object> max = new HashMap<>(Map.of("login", "max@partial.example", "email", "max@partial.example",
                "status", "ACTIVE", "factors", List.of(Map.of("factorType", "token:software:totp", "provider", "OKTA",
                        "status", "ACTIVE")), "adminRoles", List.of()));
        send(EvidenceEvent.of(PARTIAL_OKTA, "okta.user", "okta:partial.okta.com:user:lee", Instant.now(), runId, lee, prov));
        send(EvidenceEvent.of(PARTIAL_OKTA, "okta.user", "okta:partial.okta.com:user:max", Instant.now(), runId, max, prov));
        send(run(PARTIAL_OKTA, "okta-user-mfa", "okta.user", runId, started, RunState.COMPLETED, 2, List.of()));
    }

    static Map<String, Object> githubMember(String login, String email) {
        Map<String, Object> m = new HashMap<>(Map.of("login", login, "id", login.hashCode(), "role", "member",
                "twoFactorEnabled", true, "identitiesRead", true));
        m.put("email", email);
        m.put("emailSource", email == null ? null : "saml-identity");
        m.put("identityNotFound", email == null ? "no SAML identity linked to this account" : null);
        return m;
    }

    /** One run of the GitHub collector: the organisation (requiring 2FA), these members, and the failures given. */
    void githubRun(RunState state, List<RunFailure> failures, Map<String, Object>... members) {
        String runId = UUID.randomUUID().toString();
        Instant started = Instant.now();
        Map<String, Object> org = new HashMap<>(Map.of("organization", "partial-org", "twoFactorRequirementEnabled", true,
                "defaultRepositoryPermission", "read", "memberCount", members.length, "owners", List.of(),
                "membersWithoutTwoFactor", List.of(), "outsideCollaborators", List.of(),
                "outsideCollaboratorsWithoutTwoFactor", List.of()));
        Provenance prov = new Provenance("GET /orgs/{org}", Map.of("org", "partial-org"), null, "ef".repeat(32),
                "github-branch-protection", "test");
        send(EvidenceEvent.of(PARTIAL_GITHUB, "github.organization", "github:partial-org", Instant.now(), runId, org, prov));
        boolean membersRead = failures.stream().noneMatch(f -> "github.member".equals(f.resourceType()));
        for (Map<String, Object> m : membersRead ? List.of(members) : List.<Map<String, Object>>of()) {
            send(EvidenceEvent.of(PARTIAL_GITHUB, "github.member", "github:partial-org:member:" + m.get("login"),
                    Instant.now(), runId, m, prov));
        }
        send(new CollectionRunEvent(runId, "github-branch-protection", PARTIAL_GITHUB, state, started, Instant.now(),
                GITHUB_TYPES, Map.of("github.organization", 1L, "github.member", membersRead ? (long) members.length : 0L,
                "github.repository", 0L), failures));
    }

    @Test
    void aGitHubRunThatFailedOnOneRepositoryOnlyStillJudgesLs19AndLs26() {
        githubRun(RunState.COMPLETED, List.of(), githubMember("max-gh", "max@partial.example"),
                githubMember("lee-gh", "lee@partial.example"));
        oktaWithALeaver();
        awaitStatus("LS-19", st -> st.status() == ControlStatus.FAIL && st.failingResources().stream()
                .anyMatch(f -> f.resourceKey().equals("identity:lee@partial.example")));
        send(document("LS-19", "offboarding-sample", clock.now().atZone(java.time.ZoneOffset.UTC).toLocalDate()));

        // lee-gh is removed from the organisation; the next run cannot read one repository's security settings.
        githubRun(RunState.PARTIAL, List.of(new RunFailure("github.repository", "github:partial-org/web",
                "403 Forbidden from GET /repos/partial-org/web", "administration:read")),
                githubMember("max-gh", "max@partial.example"), githubMember("partial-ci-bot", null));

        // The members were read in full: lee-gh leaves scope, and the join is complete, so LS-19 is judged.
        // (partial-ci-bot is attributed to no one but declared a service account in the test configuration.)
        // The settled state: under load a PASS can be published once before the last in-scope change lands.
        ControlStatusEvent ls19 = awaitStatus("LS-19", st -> st.status() == ControlStatus.PASS
                && st.resourcesInScope() == 4); // lee (left), the document, max-gh, partial-ci-bot
        assertThat(ls19.reason()).doesNotContain("could not read");
        given().get("/api/resources?type=github.member").then().statusCode(200)
                .body("find { it.resourceKey == 'github:partial-org:member:lee-gh' }.inScope",
                        org.hamcrest.Matchers.equalTo(false));
        ControlStatusEvent ls26 = awaitStatus("LS-26", st -> st.status() == ControlStatus.PASS);
        assertThat(ls26.reason()).isNull(); // judged on what was read: nothing it needs is missing
        // CM-17 judges the repository type: its gap shows there.
        awaitStatus("CM-17", st -> st.status() == ControlStatus.NOT_EVALUATED
                && st.reason().contains("github:partial-org/web"));
    }

    @Test
    void aGitHubRunThatCouldNotReadTheMembersLeavesLs19NotEvaluatedNamingTheGap() {
        oktaWithALeaver();
        githubRun(RunState.PARTIAL, List.of(new RunFailure("github.member", null,
                "cannot read the people of organisation partial-org: 403 Forbidden", "members:read")));
        ControlStatusEvent ls19 = awaitStatus("LS-19", st -> st.status() == ControlStatus.NOT_EVALUATED
                && st.reason() != null && st.reason().contains("github.member"));
        assertThat(ls19.reason()).contains("accounts of github.member from vigil://github/partial-org are incomplete")
                .contains("403 Forbidden").contains("members:read");
        assertThat(ls19.failingResources()).isEmpty();
        awaitStatus("LS-26", st -> st.status() == ControlStatus.PASS); // the organisation itself was read
    }

    @Test
    void aRecordTheDatabaseRefusesGoesToTheDeadLetterTopicAloneAndTheRestOfItsPollIsStored() {
        try (KafkaTestClient.Tail dlq = kafka.tailFromNow(Topics.deadLetter(Topics.EVIDENCE))) {
            String runId = UUID.randomUUID().toString();
            Map<String, Object> poisoned = bucket("acme-nul", "AES256");
            poisoned.put("tag", "nul\0byte"); // a valid event, but PostgreSQL's jsonb refuses a NUL character
            EvidenceEvent refused = evidence(runId, poisoned);
            EvidenceEvent before = evidence(runId, bucket("acme-before-nul", "AES256"));
            EvidenceEvent after = evidence(runId, bucket("acme-after-nul", "AES256"));
            // One key, so one partition: the three records are consumed in this order, most likely in one poll.
            kafka.sendEvent(Topics.EVIDENCE, "nul", EventCodec.encode(before));
            kafka.sendEvent(Topics.EVIDENCE, "nul", EventCodec.encode(refused));
            kafka.sendEvent(Topics.EVIDENCE, "nul", EventCodec.encode(after));

            ConsumerRecord<String, String> dead = dlq.awaitAny(r -> r.value().contains("acme-nul"), WAIT).stream()
                    .filter(r -> r.value().contains("acme-nul")).findFirst().orElseThrow();
            assertThat(new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                    .contains(refused.id());
            assertThat(new String(dead.headers().lastHeader("dead-letter-topic").value(), StandardCharsets.UTF_8))
                    .isEqualTo(Topics.EVIDENCE);
            org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() ->
                    given().get("/api/resources?type=" + S3).then().statusCode(200)
                            .body("resourceKey", hasItems(key("acme-before-nul"), key("acme-after-nul")))
                            .body("resourceKey", not(hasItem(key("acme-nul")))));
            assertThat(dlq.drain(Duration.ofSeconds(1))).noneMatch(r -> r.value().contains("acme-before-nul") || r.value().contains("acme-after-nul"));
        }
    }

    @Test
    void aMalformedRecordGoesToTheDeadLetterTopicWithItsReasonAndLaterRecordsAreProcessed() {
        try (KafkaTestClient.Tail dlq = kafka.tailFromNow(Topics.deadLetter(Topics.EVIDENCE))) {
            kafka.sendEvent(Topics.EVIDENCE, "garbage", "{this is not an event");
            String runId = UUID.randomUUID().toString();
            EvidenceEvent good = evidence(runId, bucket("acme-after-garbage", "AES256"));
            // Same key as the garbage so both land on one partition: the good record really comes after it.
            kafka.sendEvent(Topics.EVIDENCE, "garbage", EventCodec.encode(good));

            List<ConsumerRecord<String, String>> dead = dlq.awaitAny(r -> r.value().equals("{this is not an event"), WAIT);
            ConsumerRecord<String, String> record = dead.stream()
                    .filter(r -> r.value().equals("{this is not an event")).findFirst().orElseThrow();
            String reason = new String(record.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
            assertThat(reason).startsWith("not JSON");

            org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() ->
                    given().get("/api/resources?type=" + S3).then().statusCode(200)
                            .body("resourceKey", hasItem(key("acme-after-garbage"))));
        }
    }

    @Test
    void aSignedRecordThatIsNotUtf8IsDeadLetteredAsSuchWithItsBytesAsTheyCame() {
        try (KafkaTestClient.Tail dlq = kafka.tailFromNow(Topics.deadLetter(Topics.EVIDENCE))) {
            String runId = UUID.randomUUID().toString();
            String json = EventCodec.encode(evidence(runId, bucket("acme-not-utf8", "AES256")));
            byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
            int cut = json.indexOf("acme-not-utf8");
            byte[] corrupted = new byte[utf8.length + 2];
            System.arraycopy(utf8, 0, corrupted, 0, cut);
            corrupted[cut] = (byte) 0xC3; // a lead byte followed by an ASCII byte: never UTF-8
            corrupted[cut + 1] = (byte) 0x28;
            System.arraycopy(utf8, cut, corrupted, cut + 2, utf8.length - cut);
            // signed over exactly these bytes, so it passes the signature check and reaches the decoder
            kafka.sendSignedBytes(Topics.EVIDENCE, "not-utf8", corrupted);

            ConsumerRecord<String, String> dead = dlq.awaitAny(r -> r.value().contains("acme-not-utf8"), WAIT).stream()
                    .filter(r -> r.value().contains("acme-not-utf8")).findFirst().orElseThrow();
            assertThat(reason(dead)).startsWith("the record is not UTF-8 text");
            // the dead letter is the record as it came: read as text, the two bytes are one replacement and a '('
            assertThat(dead.value()).isEqualTo(new String(corrupted, StandardCharsets.UTF_8));
            given().get("/api/resources?type=" + S3).then().statusCode(200)
                    .body("resourceKey", not(hasItem(key("acme-not-utf8"))));
        }
    }

    // ---- event signatures and clock skew (docs/evidence.md#event-signatures) ----

    static String reason(ConsumerRecord<String, String> dead) {
        return new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
    }

    static ConsumerRecord<String, String> deadLetterOf(KafkaTestClient.Tail dlq, String value) {
        return dlq.awaitAny(r -> r.value().equals(value), WAIT).stream().filter(r -> r.value().equals(value))
                .findFirst().orElseThrow();
    }

    @Test
    void forgedUnsignedAndFarFutureEventsAreDeadLetteredWithTheirReasonAndChangeNoStatus() {
        completeS3Run(false, bucket("acme-signed", "AES256"));
        ControlStatusEvent pass = awaitStatus("LS-01", ControlStatus.PASS, 1);
        String stored = given().get("/api/resources?type=" + S3).then().statusCode(200).extract()
                .path("find { it.resourceKey == '" + key("acme-signed") + "' }.evidenceId");

        String runId = UUID.randomUUID().toString();
        Map<String, Object> unencrypted = bucket("acme-signed", null);
        // Each would fail LS-01 (or add a resource) if it were believed.
        String forged = EventCodec.encode(evidence(runId, unencrypted));
        Map<String, Object> stranger = bucket("acme-forged-new", null);
        String unknownKey = EventCodec.encode(evidence(runId, stranger));
        Map<String, Object> plain = bucket("acme-signed", null);
        plain.put("note", "unsigned");
        String unsigned = EventCodec.encode(evidence(runId, plain));
        Map<String, Object> later = bucket("acme-signed", null);
        later.put("note", "from the future");
        Instant nextYear = Instant.now().plus(Duration.ofDays(365));
        String future = EventCodec.encode(EvidenceEvent.of(AWS, S3, key("acme-signed"), nextYear, runId, later,
                new Provenance("s3:GetBucketEncryption", Map.of("Bucket", "acme-signed"), null, "ab".repeat(32),
                        "aws-s3", "test")));
        // A complete run that saw nothing would retire acme-signed from scope.
        CollectionRunEvent futureRun = new CollectionRunEvent(UUID.randomUUID().toString(), "aws-s3", AWS,
                RunState.COMPLETED, nextYear, nextYear, List.of(S3), Map.of(S3, 0L), List.of());

        EventSigner forger = new EventSigner(Ed25519Keys.generate().getPrivate(), TestEventKeys.KEY_ID);
        EventSigner outsider = new EventSigner(Ed25519Keys.generate().getPrivate(), "attacker");
        try (KafkaTestClient.Tail dlq = kafka.tailFromNow(Topics.deadLetter(Topics.EVIDENCE));
             KafkaTestClient.Tail runDlq = kafka.tailFromNow(Topics.deadLetter(Topics.COLLECTION_RUNS))) {
            // One record key, so one partition: the signed record sent last is stored only after the others were read.
            kafka.sendSignedBy(forger, Topics.EVIDENCE, "signatures", forged);
            kafka.sendSignedBy(outsider, Topics.EVIDENCE, "signatures", unknownKey);
            kafka.sendUnsigned(Topics.EVIDENCE, "signatures", unsigned);
            kafka.sendEvent(Topics.EVIDENCE, "signatures", future);
            kafka.sendEvent(Topics.COLLECTION_RUNS, futureRun.key(), EventCodec.encode(futureRun));
            kafka.sendEvent(Topics.EVIDENCE, "signatures", EventCodec.encode(evidence(runId, bucket("acme-signed-after", "AES256"))));

            assertThat(reason(deadLetterOf(dlq, forged))).startsWith("BAD_SIGNATURE(vigil-test)");
            assertThat(reason(deadLetterOf(dlq, unknownKey))).startsWith("UNKNOWN_KEY(attacker)");
            ConsumerRecord<String, String> deadUnsigned = deadLetterOf(dlq, unsigned);
            assertThat(reason(deadUnsigned)).startsWith("UNSIGNED");
            assertThat(new String(deadUnsigned.headers().lastHeader("dead-letter-topic").value(), StandardCharsets.UTF_8))
                    .isEqualTo(Topics.EVIDENCE);
            assertThat(reason(deadLetterOf(dlq, future))).startsWith("FUTURE_TIME: event time " + nextYear.toString().substring(0, 10))
                    .contains("vigil.events.max-clock-skew");
            assertThat(reason(deadLetterOf(runDlq, EventCodec.encode(futureRun)))).startsWith("FUTURE_TIME");

            org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() ->
                    given().get("/api/resources?type=" + S3).then().statusCode(200)
                            .body("resourceKey", hasItem(key("acme-signed-after")))
                            .body("resourceKey", not(hasItem(key("acme-forged-new"))))
                            .body("find { it.resourceKey == '" + key("acme-signed") + "' }.evidenceId",
                                    org.hamcrest.Matchers.equalTo(stored)));
        }
        // LS-01 saw one more encrypted bucket, nothing else: never FAIL, acme-signed never retired.
        ControlStatusEvent after = awaitStatus("LS-01", ControlStatus.PASS, 2);
        assertThat(statuses.drain(Duration.ofSeconds(2)).stream().map(r -> EventCodec.decodeStatus(r.value()))
                .filter(st -> st.controlId().equals("LS-01"))).allMatch(st -> st.status() == ControlStatus.PASS
                && st.failingResources().isEmpty() && st.resourcesInScope() >= 1);
        assertThat(after.evaluatedAt()).isAfter(pass.evaluatedAt());
    }

    @Test
    void statusEventsTheEvaluatorPublishesAreSignedWithItsKey() {
        completeS3Run(false, bucket("acme-signed-status", "AES256"));
        awaitStatus("LS-01", ControlStatus.PASS, 1);
        ConsumerRecord<String, String> published = statuses.seen().stream().filter(r -> "LS-01".equals(r.key()))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(TestEventKeys.verifier().verify(published.value().getBytes(StandardCharsets.UTF_8),
                published.headers().lastHeader("vigil-signature").value(),
                published.headers().lastHeader("vigil-key-id").value()).verified()).isTrue();
    }
}
