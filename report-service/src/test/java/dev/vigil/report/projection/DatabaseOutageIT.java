package dev.vigil.report.projection;

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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Transient is not poison: a status event that arrives while PostgreSQL is down waits and is projected when the
 * database is back. Statuses are published only on change, so one dead-lettered for an outage would leave the
 * dashboard and the history wrong for good.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(StoppablePostgresTestResource.class)
class DatabaseOutageIT {
    static final String CONTROL = "LS-01";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aStatusChangeDuringAnOutageIsProjectedWhenTheDatabaseIsBackAndNotDeadLettered() throws Exception {
        Instant passed = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(30);
        Instant failed = passed.plusSeconds(10);
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers);
             KafkaTestClient.Tail dlq = kafka.tailFromNow(Topics.deadLetter(Topics.CONTROL_STATUS))) {
            send(kafka, new ControlStatusEvent(CONTROL, ControlStatus.PASS, passed, 2, List.of(), null));
            await().atMost(Duration.ofSeconds(60)).until(() -> "PASS".equals(status()));

            StoppablePostgresTestResource.stopServer();
            send(kafka, new ControlStatusEvent(CONTROL, ControlStatus.FAIL, failed, 2, List.of(), null));
            await().atMost(Duration.ofSeconds(30)).until(() -> ready() == 503); // not ready while it is down
            Thread.sleep(15_000); // several attempts fail meanwhile
            StoppablePostgresTestResource.startServer();

            await().atMost(Duration.ofSeconds(90)).until(() -> "FAIL".equals(status()));
            List<String> history = TestUsers.as(TestUsers.ENGINEER)
                    .queryParam("from", passed.minusSeconds(1).toString()).queryParam("to", Instant.now().toString())
                    .get("/api/controls/" + CONTROL + "/history").then().statusCode(200).extract().jsonPath()
                    .getList("intervals.status");
            assertThat(history).containsExactly("PASS", "FAIL");
            assertThat(dlq.drain(Duration.ofSeconds(3))).as("dead letters").isEmpty();
            await().atMost(Duration.ofSeconds(30)).until(() -> ready() == 200);
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
