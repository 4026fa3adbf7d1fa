package dev.vigil.evaluator.ingest;

import dev.vigil.access.testing.TestCallers;
import dev.vigil.common.evidence.EventCodec;
import dev.vigil.common.evidence.EvidenceEvent;
import dev.vigil.common.evidence.Provenance;
import dev.vigil.common.evidence.SourceRef;
import dev.vigil.common.evidence.Topics;
import dev.vigil.common.ledger.LedgerChains;
import dev.vigil.common.ledger.LedgerCheckpoint;
import dev.vigil.stack.testing.KafkaTestClient;
import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.PostgresTestResource;
import dev.vigil.stack.testing.TestServers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;


/**
 * The ledger of one chain per partition on the real PostgreSQL and Kafka: transactions of different partitions
 * append at the same time (each holds only its chain's lock), those of one partition still take turns, and what
 * comes of it verifies end to end with signed checkpoints.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class LedgerChainsIT {
    private static final String P0 = LedgerChains.ofPartition(Topics.EVIDENCE, 0);
    private static final String P1 = LedgerChains.ofPartition(Topics.EVIDENCE, 1);

    @Inject
    EvidenceIngestion ingestion;
    @Inject
    LedgerCheckpoints checkpoints;

    @BeforeAll
    static void callAsService() {
        io.restassured.RestAssured.authentication = io.restassured.RestAssured.preemptive()
                .basic(TestCallers.SERVICE, TestCallers.SERVICE_SECRET);
    }

    @BeforeEach
    void emptyLedger() throws Exception {
        sql("TRUNCATE evaluator.evidence_ledger, evaluator.ledger_chain, evaluator.ledger_checkpoint, "
                + "evaluator.resource_state, evaluator.evidence_item, evaluator.coverage, evaluator.collection_run");
    }

    @Test
    void transactionsOfTwoPartitionsAppendAndCommitWhileTheOtherIsOpen() throws Exception {
        CyclicBarrier bothAppended = new CyclicBarrier(2);
        CountDownLatch secondCommitted = new CountDownLatch(1);
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = two.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                ingestion.ingest(buckets("222222222222", 5), Collections.nCopies(5, P0));
                // Each waits here for the other to have appended: with one lock for the whole ledger the second
                // would still be waiting for this transaction's commit, and the barrier would time out.
                await(bothAppended);
                await(secondCommitted); // still open while the other partition's transaction commits
            }));
            Future<?> second = two.submit(() -> {
                QuarkusTransaction.requiringNew().run(() -> {
                    ingestion.ingest(buckets("333333333333", 3), Collections.nCopies(3, P1));
                    await(bothAppended);
                });
                secondCommitted.countDown();
            });
            second.get(30, TimeUnit.SECONDS);
            first.get(30, TimeUnit.SECONDS);
        } finally {
            two.shutdownNow();
        }
        assertThat(heads()).containsEntry(P0, 5L).containsEntry(P1, 3L);
        checkpoints.checkpoint();
        given().get("/api/ledger/verification").then().statusCode(200)
                .body("valid", org.hamcrest.Matchers.is(true)).body("recordsChecked", org.hamcrest.Matchers.is(8))
                .body("chainsChecked", org.hamcrest.Matchers.is(2))
                .body("checkpointsChecked", org.hamcrest.Matchers.is(1));
    }

    @Test
    void transactionsOfOnePartitionStillTakeTurnsSoTheChainNeverForks() throws Exception {
        CountDownLatch firstAppended = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = two.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                ingestion.ingest(buckets("222222222222", 2), Collections.nCopies(2, P0));
                firstAppended.countDown();
                await(releaseFirst);
            }));
            assertThat(firstAppended.await(30, TimeUnit.SECONDS)).isTrue();
            Future<?> second = two.submit(() -> QuarkusTransaction.requiringNew().run(
                    () -> ingestion.ingest(buckets("333333333333", 2), Collections.nCopies(2, P0))));
            Thread.sleep(1000);
            assertThat(second.isDone()).as("the second append waits for the first's commit").isFalse();
            releaseFirst.countDown();
            first.get(30, TimeUnit.SECONDS);
            second.get(30, TimeUnit.SECONDS);
        } finally {
            two.shutdownNow();
        }
        assertThat(heads()).containsExactly(Map.entry(P0, 4L));
        given().get("/api/ledger/verification").then().statusCode(200).body("valid", org.hamcrest.Matchers.is(true));
    }

    @Test
    void evidenceFromEveryPartitionVerifiesEndToEndAndACutChainFailsAgainstItsCheckpoint() throws Exception {
        String run = "chains-" + Instant.now().toEpochMilli();
        List<EvidenceEvent> sent = buckets("444444444444", 30, run);
        try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
            kafka.sendEvents(Topics.EVIDENCE, sent.stream().map(e -> Map.entry(e.resourceKey(), EventCodec.encode(e)))
                    .toList());
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT count(*) FROM evaluator.evidence_ledger") == 30);
        Map<String, Long> heads = heads();
        assertThat(heads.keySet()).as("30 keys spread over the topic's 3 partitions")
                .containsExactlyInAnyOrder(P0, P1, LedgerChains.ofPartition(Topics.EVIDENCE, 2));
        assertThat(heads.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(30);

        LedgerCheckpoint made = checkpoints.checkpoint().orElseThrow();
        assertThat(made.signed()).isTrue();
        assertThat(checkpoints.checkpoint()).as("nothing moved: no second checkpoint").isEmpty();
        given().get("/api/ledger/checkpoints").then().statusCode(200)
                .body("seq", org.hamcrest.Matchers.contains(1)).body("[0].heads.chain", org.hamcrest.Matchers.contains(
                        P0, P1, LedgerChains.ofPartition(Topics.EVIDENCE, 2)));
        given().get("/api/ledger/verification").then().statusCode(200)
                .body("valid", org.hamcrest.Matchers.is(true)).body("recordsChecked", org.hamcrest.Matchers.is(30))
                .body("chainsChecked", org.hamcrest.Matchers.is(3));

        // The tail of one chain cut off, its head row moved back with it: only the checkpoint can tell.
        long last = heads.get(P1);
        sql("DELETE FROM evaluator.evidence_ledger WHERE chain = '" + P1 + "' AND seq = " + last);
        sql("UPDATE evaluator.ledger_chain SET head_seq = head_seq - 1, head_hash = (SELECT hash FROM "
                + "evaluator.evidence_ledger WHERE chain = '" + P1 + "' AND seq = " + (last - 1) + ") WHERE chain = '"
                + P1 + "'");
        given().get("/api/ledger/verification").then().statusCode(200)
                .body("valid", org.hamcrest.Matchers.is(false)).body("brokenChain", org.hamcrest.Matchers.is(P1))
                .body("brokenSeq", org.hamcrest.Matchers.is((int) last))
                .body("detail", org.hamcrest.Matchers.containsString("checkpoint 1 names it as the chain's head"));
    }

    private static List<EvidenceEvent> buckets(String account, int n) {
        return buckets(account, n, "run-" + account);
    }

    private static List<EvidenceEvent> buckets(String account, int n, String run) {
        List<EvidenceEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = run + "-bucket-" + i;
            Map<String, Object> facts = new HashMap<>();
            facts.put("bucket", name);
            facts.put("region", "us-east-1");
            facts.put("defaultEncryption", "AES256");
            out.add(EvidenceEvent.of(new SourceRef("aws", account), "aws.s3.bucket", "aws:" + account + ":s3:" + name,
                    Instant.now(), run, facts, new Provenance("s3:GetBucketEncryption", Map.of("Bucket", name), null,
                            "ab".repeat(32), "aws-s3", "test")));
        }
        return out;
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the other partition's transaction did not append meanwhile: " + e, e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Map<String, Long> heads() throws Exception {
        Map<String, Long> heads = new java.util.TreeMap<>();
        var db = TestServers.postgres();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             ResultSet r = c.createStatement().executeQuery("SELECT chain, head_seq FROM evaluator.ledger_chain")) {
            while (r.next()) {
                heads.put(r.getString(1), r.getLong(2));
            }
        }
        return heads;
    }

    private static long count(String query) throws Exception {
        var db = TestServers.postgres();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             ResultSet r = c.createStatement().executeQuery(query)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static void sql(String statement) throws Exception {
        var db = TestServers.postgres();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password())) {
            c.createStatement().execute(statement);
        }
    }
}
