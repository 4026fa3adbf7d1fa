package dev.vigil.evaluator;

import dev.vigil.access.testing.TestCallers;
import dev.vigil.common.evidence.EventCodec;
import dev.vigil.common.evidence.EvidenceEvent;
import dev.vigil.common.evidence.Topics;
import dev.vigil.stack.PostgresServer;
import dev.vigil.stack.testing.KafkaTestClient;
import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.StoppablePostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Transient is not poison: evidence that arrives while PostgreSQL is down waits, in order, and is stored when the
 * database is back; none of it goes to the dead-letter topic (which an outage of a few seconds used to cause).
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(StoppablePostgresTestResource.class)
class DatabaseOutageIT {

    @Test
    void evidenceSentWhileTheDatabaseIsDownIsStoredWhenItIsBackAndNothingIsDeadLettered() throws Exception {
        String run = "outage-" + Instant.now().toEpochMilli();
        try (KafkaTestClient kafka = KafkaTestClient.forTestBroker();
             KafkaTestClient.Tail dlq = kafka.tailFromNow(Topics.deadLetter(Topics.EVIDENCE))) {
            for (int i = 0; i < 10; i++) {
                send(kafka, run, "before-" + i);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> stored(run) == 10);

            StoppablePostgresTestResource.stopServer();
            for (int i = 0; i < 40; i++) {
                send(kafka, run, "during-" + i);
            }
            // Not ready while the database is down; several attempts fail meanwhile (200 ms doubling: 7 in 15 s).
            await().atMost(Duration.ofSeconds(30)).until(() -> ready() == 503);
            Thread.sleep(15_000);
            StoppablePostgresTestResource.startServer();

            await().atMost(Duration.ofSeconds(90)).until(() -> stored(run) == 50);
            assertThat(dlq.drain(Duration.ofSeconds(3))).as("dead letters").noneMatch(r -> r.value().contains(run));
            await().atMost(Duration.ofSeconds(30)).until(() -> ready() == 200);
            // The consumer's lag is a metric (Kafka's own, through Micrometer).
            assertThat(given().auth().preemptive().basic(TestCallers.SERVICE, TestCallers.SERVICE_SECRET)
                    .get("/q/metrics").then().statusCode(200).extract().asString())
                    .contains("kafka_consumer_fetch_manager_records_lag_max");
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
