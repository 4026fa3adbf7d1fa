package dev.vigil.report.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.common.evidence.ControlStatus;
import dev.vigil.common.evidence.ControlStatusEvent;
import dev.vigil.common.evidence.EventCodec;
import dev.vigil.common.evidence.Topics;
import dev.vigil.stack.testing.KafkaTestClient;
import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live stream itself, without a browser: a client that subscribed first hears {@code connected}, then the
 * change of a status projected from the topic, and a replayed event that changes nothing is not announced.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class StatusEventsIT {

    @org.junit.jupiter.api.BeforeEach
    void signIn() {
        dev.vigil.report.TestUsers.signInAs(dev.vigil.report.TestUsers.ENGINEER);
    }
    /** Written IT job descriptions (manual): no other test sends statuses for it. */
    private static final String CONTROL = "PP-20";

    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TestHTTPResource("/api/events/status")
    URI events;

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;

    @Test
    void aProjectedChangeIsStreamedOnceAsAServerSentEvent() throws Exception {
        HttpResponse<Stream<String>> res = openStream();
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("text/event-stream"));
        Iterator<String> data = res.body().filter(l -> l.startsWith("data:")).map(l -> l.substring(5).trim())
                .iterator();
        try {
            assertThat(JSON.readTree(next(data)).get("kind").asText()).isEqualTo("connected");

            Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            ControlStatusEvent event = new ControlStatusEvent(CONTROL, ControlStatus.FAIL, at, 1, List.of(), null);
            try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
                kafka.sendEvent(Topics.CONTROL_STATUS, CONTROL, EventCodec.encode(event));
                // Redelivered: stale for the projection, so nothing to announce.
                kafka.sendEvent(Topics.CONTROL_STATUS, CONTROL, EventCodec.encode(event));
                kafka.sendEvent(Topics.CONTROL_STATUS, CONTROL, EventCodec.encode(
                        new ControlStatusEvent(CONTROL, ControlStatus.PASS, at.plusSeconds(1), 1, List.of(), null)));
            }
            // The redelivery in between announced nothing: the next event is already the PASS.
            assertThat(List.of(nextStatus(data), nextStatus(data))).containsExactly(
                    "FAIL " + at, "PASS " + at.plusSeconds(1));
        } finally {
            res.body().close();
        }
    }

    /**
     * Another instance's projection, seen from this one: its NOTIFY in PostgreSQL (committed by another session) is
     * streamed to this instance's dashboards as if projected here.
     */
    @Test
    void aChangeCommittedByAnotherInstanceIsStreamedHereToo() throws Exception {
        HttpResponse<Stream<String>> res = openStream();
        Iterator<String> data = res.body().filter(l -> l.startsWith("data:")).map(l -> l.substring(5).trim())
                .iterator();
        try {
            assertThat(JSON.readTree(next(data)).get("kind").asText()).isEqualTo("connected");
            Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            try (java.sql.Connection other = dataSource.getConnection();
                 java.sql.PreparedStatement notify = other.prepareStatement("SELECT pg_notify(?, ?)")) {
                other.setAutoCommit(true);
                notify.setString(1, "vigil_status_changed");
                notify.setString(2, "{\"controlId\": \"" + CONTROL + "\", \"status\": \"FAIL\", \"evaluatedAt\": \""
                        + at + "\"}");
                notify.execute();
            }
            assertThat(nextStatus(data)).isEqualTo("FAIL " + at);
        } finally {
            res.body().close();
        }
    }

    /** The stream as the engineer's browser opens it. */
    private HttpResponse<Stream<String>> openStream() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(events)
                .header("Accept", "text/event-stream")
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        ("engineer:" + dev.vigil.report.TestUsers.password("engineer")).getBytes()))
                .GET().build(), HttpResponse.BodyHandlers.ofLines());
    }

    /** The next data line, within a minute (the iterator blocks; a stream that stalls must fail the test). */
    private static String next(Iterator<String> data) throws Exception {
        return CompletableFuture.supplyAsync(data::next).get(60, TimeUnit.SECONDS);
    }

    /** "STATUS evaluatedAt" of the next status event of this test's control; heartbeats and others skipped. */
    private static String nextStatus(Iterator<String> data) throws Exception {
        while (true) {
            JsonNode event = JSON.readTree(next(data));
            if (event.get("kind").asText().equals("status") && event.get("controlId").asText().equals(CONTROL)) {
                return event.get("status").asText() + " " + Instant.parse(event.get("evaluatedAt").asText());
            }
        }
    }
}
