package dev.vigil.report.projection;

import dev.vigil.access.GracefulStop;
import dev.vigil.common.evidence.ControlStatus;
import dev.vigil.common.evidence.ControlStatusEvent;
import dev.vigil.common.evidence.EventCodec;
import dev.vigil.common.evidence.Topics;
import dev.vigil.report.TestUsers;
import dev.vigil.stack.testing.KafkaTestClient;
import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.StoppablePostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A graceful stop is transient, never poison (issue 13): a status in hand when report-service stops, failing because
 * the database goes away under it, and one that arrives once it stops, are neither dead-lettered nor committed, so
 * Kafka delivers them again after the restart; a status dead-lettered here would leave the history wrong for good
 * (statuses are published only on change). Stopping is what the ShutdownEvent does ({@link GracefulStop#stop()});
 * the database is a real PostgreSQL the test stops, the broker a real Kafka.
 */
@QuarkusTest
@TestProfile(GracefulStopIT.OwnApplication.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(StoppablePostgresTestResource.class)
class GracefulStopIT {
    static final String CONTROL = "LS-01";
    static final String GROUP = "vigil-report-service";

    /** The test stops this application's consumer for good: no other test class may share it. */
    public static class OwnApplication implements QuarkusTestProfile {
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @Inject
    GracefulStop stop;

    @Test
    void aStatusThatFailsOrArrivesWhileTheServiceStopsIsNeitherDeadLetteredNorCommitted() throws Exception {
        Instant passed = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(30);
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers);
             KafkaTestClient.Tail dlq = kafka.tailFromNow(Topics.deadLetter(Topics.CONTROL_STATUS))) {
            send(kafka, new ControlStatusEvent(CONTROL, ControlStatus.PASS, passed, 2, List.of(), null));
            await().atMost(Duration.ofSeconds(60)).until(() -> "PASS".equals(status()));
            Map<TopicPartition, Long> end = kafka.endOffsets(Topics.CONTROL_STATUS);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> kafka.committedOffsets(GROUP, Topics.CONTROL_STATUS).equals(end));

            // In hand: a status waiting out a database outage when the stop comes.
            StoppablePostgresTestResource.stopServer();
            send(kafka, new ControlStatusEvent(CONTROL, ControlStatus.FAIL, passed.plusSeconds(10), 2, List.of(), null));
            await().atMost(Duration.ofSeconds(30)).until(() -> ready() == 503);
            Thread.sleep(3_000);

            long started = System.nanoTime();
            stop.stop();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

            // Arriving once it stops: not even tried.
            send(kafka, new ControlStatusEvent(CONTROL, ControlStatus.PASS, passed.plusSeconds(20), 2, List.of(), null));
            StoppablePostgresTestResource.startServer();

            // Longer than the connector's commit interval (5 s): whatever it would commit, it has.
            assertThat(dlq.drain(Duration.ofSeconds(8))).as("dead letters").isEmpty();
            assertThat(kafka.committedOffsets(GROUP, Topics.CONTROL_STATUS)).as("offsets committed").isEqualTo(end);
            await().atMost(Duration.ofSeconds(30)).until(() -> ready() == 200);
            assertThat(status()).isEqualTo("PASS");
            List<String> history = TestUsers.as(TestUsers.ENGINEER)
                    .queryParam("from", passed.minusSeconds(1).toString()).queryParam("to", Instant.now().toString())
                    .get("/api/controls/" + CONTROL + "/history").then().statusCode(200).extract().jsonPath()
                    .getList("intervals.status");
            assertThat(history).as("the FAIL comes again after the restart, not before").containsExactly("PASS");
        }
    }

    private static void send(KafkaTestClient kafka, ControlStatusEvent event) {
        kafka.sendEvent(Topics.CONTROL_STATUS, event.controlId(), EventCodec.encode(event));
    }

    private static int ready() {
        return io.restassured.RestAssured.given().auth().none().get("/q/health/ready").then().extract().statusCode();
    }

    private static String status() {
        var answer = TestUsers.as(TestUsers.ENGINEER).get("/api/controls/" + CONTROL).then().extract();
        return answer.statusCode() == 200 ? String.valueOf(answer.path("status").toString()) : null;
    }
}
