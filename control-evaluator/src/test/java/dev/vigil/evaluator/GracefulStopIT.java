package dev.vigil.evaluator;

import dev.vigil.access.GracefulStop;
import dev.vigil.common.evidence.CollectionRunEvent;
import dev.vigil.common.evidence.EventCodec;
import dev.vigil.common.evidence.EvidenceEvent;
import dev.vigil.common.evidence.RunState;
import dev.vigil.common.evidence.Topics;
import dev.vigil.stack.PostgresServer;
import dev.vigil.stack.testing.KafkaTestClient;
import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.StoppablePostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A graceful stop is transient, never poison (issue 13): evidence in hand when the evaluator stops, failing because
 * the database goes away under it, and evidence and run events that arrive once it stops, are neither dead-lettered
 * nor committed, so Kafka delivers them again after the restart. Stopping is what the ShutdownEvent does
 * ({@link GracefulStop#stop()}); the database is a real PostgreSQL the test stops, the broker a real Kafka.
 */
@QuarkusTest
@TestProfile(GracefulStopIT.OwnApplication.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(StoppablePostgresTestResource.class)
class GracefulStopIT {
    static final String GROUP = "vigil-control-evaluator";

    /** The test stops this application's consumers for good: no other test class may share it. */
    public static class OwnApplication implements QuarkusTestProfile {
    }

    @Inject
    GracefulStop stop;

    @Test
    void whatFailsOrArrivesWhileTheEvaluatorStopsIsNeitherDeadLetteredNorCommitted() throws Exception {
        String run = "stop-" + Instant.now().toEpochMilli();
        try (KafkaTestClient kafka = KafkaTestClient.forTestBroker();
             KafkaTestClient.Tail evidenceDlq = kafka.tailFromNow(Topics.deadLetter(Topics.EVIDENCE));
             KafkaTestClient.Tail runDlq = kafka.tailFromNow(Topics.deadLetter(Topics.COLLECTION_RUNS))) {
            for (int i = 0; i < 10; i++) {
                send(kafka, run, "before-" + i);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> stored(run) == 10);
            Map<TopicPartition, Long> evidenceEnd = kafka.endOffsets(Topics.EVIDENCE);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> kafka.committedOffsets(GROUP, Topics.EVIDENCE).equals(evidenceEnd));
            Map<TopicPartition, Long> runsCommitted = kafka.committedOffsets(GROUP, Topics.COLLECTION_RUNS);

            // In hand: a poll waiting out a database outage when the stop comes.
            StoppablePostgresTestResource.stopServer();
            for (int i = 0; i < 20; i++) {
                send(kafka, run, "in-hand-" + i);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> ready() == 503);
            Thread.sleep(3_000);

            long started = System.nanoTime();
            stop.stop();
            // the wait for the database ended at once, and the poll was handed back
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

            // Arriving once it stops: not even tried.
            for (int i = 0; i < 5; i++) {
                send(kafka, run, "after-" + i);
            }
            CollectionRunEvent end = EvaluatorIT.run(EvaluatorIT.AWS, "aws-s3", EvaluatorIT.S3, run,
                    Instant.now().minusSeconds(60), RunState.COMPLETED, 35, List.of());
            kafka.sendEvent(Topics.COLLECTION_RUNS, end.key(), EventCodec.encode(end));
            StoppablePostgresTestResource.startServer();

            // Longer than the connector's commit interval (5 s): whatever it would commit, it has.
            assertThat(evidenceDlq.drain(Duration.ofSeconds(8))).as("evidence dead letters")
                    .noneMatch(r -> r.value().contains(run));
            assertThat(runDlq.drain(Duration.ofSeconds(1))).as("run dead letters")
                    .noneMatch(r -> r.value().contains(run));
            assertThat(kafka.committedOffsets(GROUP, Topics.EVIDENCE)).as("evidence offsets committed")
                    .isEqualTo(evidenceEnd);
            assertThat(kafka.committedOffsets(GROUP, Topics.COLLECTION_RUNS)).as("run offsets committed")
                    .isEqualTo(runsCommitted);
            assertThat(stored(run)).as("evidence stored").isEqualTo(10);
            assertThat(kafka.endOffsets(Topics.EVIDENCE).values().stream().mapToLong(Long::longValue).sum()
                    - evidenceEnd.values().stream().mapToLong(Long::longValue).sum())
                    .as("left for the next start").isEqualTo(25);
        }
    }

    private static void send(KafkaTestClient kafka, String run, String bucket) {
        EvidenceEvent e = EvaluatorIT.evidence(run, EvaluatorIT.bucket(run + "-" + bucket, "AES256"));
        kafka.sendEvent(Topics.EVIDENCE, e.resourceKey(), EventCodec.encode(e));
    }

    private static int ready() {
        return given().auth().none().get("/q/health/ready").then().extract().statusCode();
    }

    private static int stored(String run) throws Exception {
        PostgresServer db = StoppablePostgresTestResource.server();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT count(*) FROM evaluator.evidence_item WHERE first_run_id = '" + run + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
