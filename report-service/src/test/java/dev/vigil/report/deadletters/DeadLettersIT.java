package dev.vigil.report.deadletters;

import dev.vigil.common.evidence.ControlStatus;
import dev.vigil.common.evidence.ControlStatusEvent;
import dev.vigil.common.evidence.EventCodec;
import dev.vigil.common.evidence.Topics;
import dev.vigil.report.TestUsers;
import dev.vigil.stack.testing.KafkaTestClient;
import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.PostgresTestResource;
import dev.vigil.stack.testing.TestEventKeys;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * Dead letters listed and replayed through the API, against the real broker and database: a status the service
 * itself dead-lettered, and evidence dead letters written as the evaluator writes them. A replay carries the
 * original key, value and headers (the signature too, so the consumer still verifies it) to the original topic,
 * once: replaying again publishes nothing. Every record is told apart by a marker of its own, so the tests hold on a
 * broker other tests (or a running stack) also write to.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class DeadLettersIT {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String STATUS_DLQ = Topics.deadLetter(Topics.CONTROL_STATUS);
    static final String EVIDENCE_DLQ = Topics.deadLetter(Topics.EVIDENCE);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TestHTTPResource("/")
    URL base;

    KafkaTestClient kafka;
    KafkaProducer<String, String> producer;

    @BeforeEach
    void open() {
        kafka = new KafkaTestClient(bootstrapServers);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    @AfterEach
    void close() {
        producer.close(Duration.ofSeconds(5));
        kafka.close();
    }

    @Test
    void aStatusTheServiceCouldNotReadIsReplayedOnceWithItsSignatureAndDeadLetteredAgainWhileStillBroken() {
        String marker = UUID.randomUUID().toString();
        String value = "{not json " + marker;
        Map<String, byte[]> signature = TestEventKeys.signer().headers(value);
        try (KafkaTestClient.Tail dlq = kafka.tailFromNow(STATUS_DLQ);
             KafkaTestClient.Tail statuses = kafka.tailFromNow(Topics.CONTROL_STATUS)) {
            kafka.sendEvent(Topics.CONTROL_STATUS, "LS-01", value);
            ConsumerRecord<String, String> dead = awaitOne(dlq, r -> value.equals(r.value()));
            String id = STATUS_DLQ + "/" + dead.partition() + "/" + dead.offset();

            // SmallRye's dead-letter-queue strategy keeps the original headers beside its own.
            assertThat(header(dead, "vigil-signature")).isEqualTo(text(signature.get("vigil-signature")));
            assertThat(header(dead, "vigil-key-id")).isEqualTo(TestEventKeys.KEY_ID);
            assertThat(header(dead, "content-type")).isEqualTo("application/cloudevents+json");
            assertThat(header(dead, "dead-letter-reason")).contains("not JSON");
            assertThat(header(dead, "dead-letter-topic")).isEqualTo(Topics.CONTROL_STATUS);

            JsonPath listed = list(Map.of("topic", Topics.CONTROL_STATUS, "reason", "NOT json", "limit", "500"));
            Map<String, Object> item = listed.getMap("deadLetters.find { it.id == '" + id + "' }");
            assertThat(item).containsEntry("deadLetterTopic", STATUS_DLQ).containsEntry("topic", Topics.CONTROL_STATUS)
                    .containsEntry("key", "LS-01").containsEntry("sizeBytes", value.length())
                    .containsEntry("preview", value).containsEntry("replayed", false)
                    .containsEntry("partition", Integer.valueOf(header(dead, "dead-letter-partition")))
                    .containsEntry("offset", Integer.valueOf(header(dead, "dead-letter-offset")));
            assertThat((String) item.get("reason")).contains("not JSON");
            assertThat(listed.getList("deadLetters.topic", String.class)).containsOnly(Topics.CONTROL_STATUS);
            assertThat(listed.getInt("summary.findAll { it.topic == 'vigil.control-status.v1' }.count.sum()"))
                    .isEqualTo(listed.getInt("total"));

            JsonPath first = replay(Map.of("ids", List.of(id)));
            assertThat(first.getString("results[0].result")).isEqualTo("REPLAYED");
            assertThat(first.getString("results[0].replay.replayedBy")).isEqualTo(TestUsers.ADMIN);
            assertThat(first.getInt("replayed")).isEqualTo(1);

            ConsumerRecord<String, String> replayed = awaitOne(statuses, r -> value.equals(r.value())
                    && id.equals(header(r, "vigil-replayed-from")));
            assertThat(first.getString("results[0].replay.targetTopic")).isEqualTo(Topics.CONTROL_STATUS);
            assertThat(first.getLong("results[0].replay.targetOffset")).isEqualTo(replayed.offset());
            assertThat(replayed.key()).isEqualTo("LS-01");
            assertThat(headers(replayed)).containsExactly(
                    tuple("content-type", "application/cloudevents+json"),
                    tuple("vigil-signature", text(signature.get("vigil-signature"))),
                    tuple("vigil-key-id", TestEventKeys.KEY_ID),
                    tuple("vigil-replayed-from", id));

            // Still not JSON, so the service dead-letters it again; its reason says the signature held.
            ConsumerRecord<String, String> again = awaitOne(dlq, r -> value.equals(r.value())
                    && id.equals(header(r, "vigil-replayed-from")));
            assertThat(header(again, "dead-letter-reason")).contains("not JSON").doesNotContain("SIGNATURE", "UNSIGNED");
            String againId = STATUS_DLQ + "/" + again.partition() + "/" + again.offset();
            JsonPath after = list(Map.of("reason", "not json", "limit", "500"));
            assertThat(after.getMap("deadLetters.find { it.id == '" + againId + "' }")).containsEntry("replayOf", id)
                    .containsEntry("replayed", false);
            assertThat(after.getMap("deadLetters.find { it.id == '" + id + "' }")).containsEntry("replayed", true)
                    .containsEntry("replayedBy", TestUsers.ADMIN)
                    .containsEntry("replayedTo", Topics.CONTROL_STATUS + "/" + replayed.partition() + "/" + replayed.offset());

            JsonPath second = replay(Map.of("ids", List.of(id)));
            assertThat(second.getString("results[0].result")).isEqualTo("ALREADY_REPLAYED");
            assertThat(second.getString("results[0].detail")).startsWith("already replayed at ")
                    .contains(" by admin to " + Topics.CONTROL_STATUS + "/");
            assertThat(second.getInt("replayed")).isZero();
            // the record as first sent, and its one replay
            assertThat(statuses.drain(Duration.ofSeconds(3))).filteredOn(r -> value.equals(r.value())).hasSize(2);
        }
    }

    @Test
    void aStatusDeadLetteredForAReasonSinceFixedIsProjectedWhenReplayed() {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String control = "RA-03";
        String value = EventCodec.encode(new ControlStatusEvent(control, ControlStatus.PASS, at, 1, List.of(), null));
        RecordMetadata dead = deadLetter(STATUS_DLQ, control, value, TestEventKeys.signer().headers(value),
                "a reason since fixed " + UUID.randomUUID(), Topics.CONTROL_STATUS);
        String id = STATUS_DLQ + "/" + dead.partition() + "/" + dead.offset();

        assertThat(replay(Map.of("ids", List.of(id))).getString("results[0].result")).isEqualTo("REPLAYED");
        await().atMost(WAIT).untilAsserted(() -> TestUsers.as(TestUsers.ENGINEER).get("/api/controls/" + control)
                .then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("PASS"))
                .body("evaluatedAt", org.hamcrest.Matchers.equalTo(at.toString())));
        assertThat(replay(Map.of("ids", List.of(id))).getString("results[0].result")).isEqualTo("ALREADY_REPLAYED");
        List<String> history = TestUsers.as(TestUsers.ENGINEER).queryParam("from", at.toString())
                .queryParam("to", Instant.now().plusSeconds(1).toString()).get("/api/controls/" + control + "/history")
                .then().statusCode(200).extract().jsonPath().getList("intervals.status");
        assertThat(history).containsExactly("PASS");
    }

    @Test
    void evidenceDeadLettersAreReplayedByFilterOnceAndOthersStay() {
        String marker = UUID.randomUUID().toString();
        String reason = "UNKNOWN_KEY(collector-2025) " + marker;
        List<String> values = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String value = "{\"specversion\":\"1.0\",\"id\":\"ev-" + marker + "-" + i + "\"}";
            values.add(value);
            RecordMetadata m = deadLetter(EVIDENCE_DLQ, "github:acme/repo-" + i, value,
                    TestEventKeys.signer().headers(value), reason, Topics.EVIDENCE);
            ids.add(EVIDENCE_DLQ + "/" + m.partition() + "/" + m.offset());
        }
        String other = "{\"id\":\"other-" + marker + "\"}";
        deadLetter(EVIDENCE_DLQ, "github:acme/other", other, Map.of(), "event is not JSON " + marker, Topics.EVIDENCE);

        JsonPath listed = list(Map.of("topic", EVIDENCE_DLQ, "reason", reason.toLowerCase()));
        assertThat(listed.getInt("total")).isEqualTo(2);
        assertThat(listed.getList("deadLetters.id", String.class)).containsExactlyElementsOf(ids);
        assertThat(listed.getList("summary")).hasSize(1);
        assertThat(listed.getMap("summary[0]")).containsEntry("topic", Topics.EVIDENCE).containsEntry("reason", reason)
                .containsEntry("count", 2).containsEntry("replayed", 0);

        try (KafkaTestClient.Tail evidence = kafka.tailFromNow(Topics.EVIDENCE)) {
            // Any part of the reason, in any case; the other dead letter's reason holds the marker too, not this.
            String part = "unknown_key(collector-2025) " + marker.substring(0, 13);
            JsonPath first = replay(Map.of("topic", Topics.EVIDENCE, "reason", part));
            assertThat(first.getList("results.id", String.class)).containsExactlyElementsOf(ids);
            assertThat(first.getList("results.result", String.class)).containsOnly("REPLAYED");

            // Keys place them: on partitions of their own perhaps, so in no particular order between the two.
            List<ConsumerRecord<String, String>> arrived = awaitAll(evidence, r -> r.value().contains(marker), 2)
                    .stream().sorted(java.util.Comparator.comparing(ConsumerRecord::key)).toList();
            assertThat(arrived).extracting(ConsumerRecord::value).containsExactlyElementsOf(values);
            assertThat(arrived).extracting(ConsumerRecord::key).containsExactly("github:acme/repo-0", "github:acme/repo-1");
            for (int i = 0; i < 2; i++) {
                assertThat(headers(arrived.get(i))).containsExactly(
                        tuple("content-type", "application/cloudevents+json"),
                        tuple("vigil-signature", text(TestEventKeys.signer().headers(values.get(i)).get("vigil-signature"))),
                        tuple("vigil-key-id", TestEventKeys.KEY_ID),
                        tuple("vigil-replayed-from", ids.get(i)));
            }

            JsonPath second = replay(Map.of("topic", Topics.EVIDENCE, "reason", reason));
            assertThat(second.getList("results.result", String.class)).containsExactly("ALREADY_REPLAYED",
                    "ALREADY_REPLAYED");
            assertThat(evidence.drain(Duration.ofSeconds(3))).filteredOn(r -> r.value().contains(marker)).hasSize(2);
        }
        assertThat(list(Map.of("reason", marker)).getList("summary")).extracting(s -> ((Map<?, ?>) s).get("reason"),
                s -> ((Map<?, ?>) s).get("count"), s -> ((Map<?, ?>) s).get("replayed"))
                .containsExactlyInAnyOrder(tuple(reason, 2, 2), tuple("event is not JSON " + marker, 1, 0));

        List<Map<String, Object>> audit = TestUsers.as(TestUsers.ADMIN).queryParam("limit", 50).get("/api/audit-log")
                .then().statusCode(200).extract().jsonPath().getList("findAll { it.action == 'DEAD_LETTERS_REPLAYED' "
                        + "&& it.detail.contains('" + ids.get(0) + "') }");
        assertThat(audit).hasSize(2).allSatisfy(e -> assertThat(e).containsEntry("principal", TestUsers.ADMIN)
                .containsEntry("target", "/api/dead-letters/replay"));
        assertThat(audit).extracting(e -> (String) e.get("detail")).anySatisfy(d -> assertThat(d)
                .startsWith("asked: filter topic=vigil.evidence.v1 reason~'unknown_key(collector-2025) "
                        + marker.substring(0, 13) + "'; replayed: "
                        + ids.get(0) + " -> " + Topics.EVIDENCE + "/"))
                .anySatisfy(d -> assertThat(d).contains("already replayed: " + ids.get(0) + ", " + ids.get(1)));
    }

    @Test
    void unknownIdsAreReportedAndNothingIsPublishedForThem() {
        JsonPath answer = replay(Map.of("ids", List.of(EVIDENCE_DLQ + "/0/999999999", "not-an-id",
                Topics.EVIDENCE + "/0/0", EVIDENCE_DLQ + "/77/0", "not-an-id")));
        assertThat(answer.getList("results.result", String.class)).containsOnly("UNKNOWN").hasSize(4);
        assertThat(answer.getList("results.detail", String.class)).containsExactly(
                EVIDENCE_DLQ + " holds no record at partition 0, offset 999999999 (never written, or gone with the "
                        + "topic's retention)",
                "not a dead letter id (<dead-letter topic>/<partition>/<offset>)",
                "'" + Topics.EVIDENCE + "' is not a dead-letter topic of [vigil.evidence.v1, vigil.collection-runs.v1, "
                        + "vigil.control-status.v1]",
                EVIDENCE_DLQ + " holds no record at partition 77, offset 0 (never written, or gone with the topic's "
                        + "retention)");
        assertThat(answer.getInt("unknown")).isEqualTo(4);
    }

    @Test
    void requestsThatCannotBeAnsweredAsSentAreRefusedNamingWhy() {
        TestUsers.as(TestUsers.ADMIN).queryParam("topic", "vigil.secrets").get("/api/dead-letters").then()
                .statusCode(400).body("error", containsString("unknown topic 'vigil.secrets'"));
        TestUsers.as(TestUsers.ADMIN).queryParam("limit", 0).get("/api/dead-letters").then()
                .statusCode(400).body("error", containsString("got limit 0"));
        TestUsers.as(TestUsers.ADMIN).contentType("application/json").body("{}").post("/api/dead-letters/replay")
                .then().statusCode(400).body("error", containsString("got neither"));
        TestUsers.as(TestUsers.ADMIN).contentType("application/json")
                .body(Map.of("ids", List.of(EVIDENCE_DLQ + "/0/0"), "reason", "UNSIGNED"))
                .post("/api/dead-letters/replay").then().statusCode(400).body("error", containsString("not both"));
        TestUsers.as(TestUsers.ADMIN).contentType("application/json").body(Map.of("topic", "vigil.nope"))
                .post("/api/dead-letters/replay").then().statusCode(400).body("error", containsString("vigil.nope"));
    }

    @Test
    void onlyAnAdminListsOrReplays() {
        for (String user : List.of(TestUsers.ENGINEER, TestUsers.AUDITOR)) {
            TestUsers.as(user).get("/api/dead-letters").then().statusCode(403);
            TestUsers.as(user).contentType("application/json").body(Map.of("ids", List.of(EVIDENCE_DLQ + "/0/0")))
                    .post("/api/dead-letters/replay").then().statusCode(403);
        }
        io.restassured.RestAssured.given().auth().none().get("/api/dead-letters").then().statusCode(401);
    }

    @Test
    void theListingReadsAsTextForATerminal() {
        String marker = UUID.randomUUID().toString();
        RecordMetadata m = deadLetter(EVIDENCE_DLQ, "github:acme/text", "{}", Map.of(), "UNSIGNED " + marker,
                Topics.EVIDENCE);
        String id = EVIDENCE_DLQ + "/" + m.partition() + "/" + m.offset();
        String text = TestUsers.as(TestUsers.ADMIN).accept("text/plain").queryParam("reason", marker)
                .get("/api/dead-letters").then().statusCode(200).contentType(containsString("text/plain"))
                .extract().asString();
        assertThat(text).startsWith("1 dead letter match topic=(any) reason~'" + marker + "'; 1 to 1 shown")
                .containsPattern("(?m)^1 +0 +vigil\\.evidence\\.v1 +UNSIGNED " + marker + "$")
                .containsPattern("(?m)^" + id.replace(".", "\\.") + " +\\S+Z +github:acme/text +no +UNSIGNED " + marker + "$");
        assertThat(TestUsers.as(TestUsers.ADMIN).queryParam("format", "text").queryParam("reason", marker)
                .get("/api/dead-letters").then().statusCode(200).extract().asString()).isEqualTo(text);
    }

    @Test
    void theAdminCommandListsAndReplaysAgainstTheRunningService() throws Exception {
        String marker = UUID.randomUUID().toString();
        String value = "{\"id\":\"cmd-" + marker + "\"}";
        RecordMetadata m = deadLetter(EVIDENCE_DLQ, "github:acme/cmd", value, TestEventKeys.signer().headers(value),
                "BAD_SIGNATURE(collector) " + marker, Topics.EVIDENCE);
        String id = EVIDENCE_DLQ + "/" + m.partition() + "/" + m.offset();

        Command list = command(TestUsers.ADMIN, "list", "--topic", Topics.EVIDENCE, "--reason", "bad_signature(collector) " + marker);
        assertThat(list.exit()).as(list.toString()).isZero();
        assertThat(list.out()).startsWith("1 dead letter match").contains(id);

        try (KafkaTestClient.Tail evidence = kafka.tailFromNow(Topics.EVIDENCE)) {
            Command replay = command(TestUsers.ADMIN, "replay", id);
            assertThat(replay.exit()).as(replay.toString()).isZero();
            assertThat(replay.out()).containsPattern("(?m)^replayed +" + id.replace(".", "\\.") + " +replayed to "
                    + "vigil\\.evidence\\.v1/\\d+/\\d+$").endsWith("1 replayed, 0 already replayed, 0 unknown (1 id(s)).\n");
            Command again = command(TestUsers.ADMIN, "replay", "--reason", marker, "--topic", EVIDENCE_DLQ);
            assertThat(again.exit()).as(again.toString()).isZero();
            assertThat(again.out()).containsPattern("(?m)^already-replayed +" + id.replace(".", "\\.")
                    + " +already replayed at \\S+ by admin to vigil\\.evidence\\.v1/");
            assertThat(evidence.drain(Duration.ofSeconds(3))).filteredOn(r -> value.equals(r.value())).hasSize(1);
        }

        Command engineer = command(TestUsers.ENGINEER, "list");
        assertThat(engineer.exit()).isNotZero();
        assertThat(engineer.err()).contains("GET " + url() + "/api/dead-letters answered 403: user 'engineer' is not an admin");
        Command nobody = command(null, "list");
        assertThat(nobody.exit()).isNotZero();
        assertThat(nobody.err()).contains("set VIGIL_API_USER and VIGIL_API_PASSWORD");
        Command neither = command(TestUsers.ADMIN, "replay");
        assertThat(neither.exit()).isNotZero();
        assertThat(neither.err()).contains("name the dead letters to replay");
    }

    // ---- helpers ----

    record Command(int exit, String out, String err) {
    }

    private Command command(String user, String... args) throws Exception {
        List<String> line = new ArrayList<>(List.of("bash", "../deploy/local/dead-letters.sh"));
        line.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(line);
        pb.environment().put("VIGIL_HOME", "target/dead-letters-home"); // never a running stack's services.env
        pb.environment().put("VIGIL_REPORT_URL", url());
        pb.environment().remove("VIGIL_API_USER");
        pb.environment().remove("VIGIL_API_PASSWORD");
        if (user != null) {
            pb.environment().put("VIGIL_API_USER", user);
            pb.environment().put("VIGIL_API_PASSWORD", TestUsers.password(user));
        }
        Process p = pb.start();
        p.getOutputStream().close();
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        int exit = p.waitFor();
        return new Command(exit, new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private String url() {
        return base.toString().replaceAll("/$", "");
    }

    /** Writes a dead letter as the evaluator's DeadLetters does: the original headers, then the dead-letter ones. */
    private RecordMetadata deadLetter(String dlq, String key, String value, Map<String, byte[]> signature, String reason,
                                      String originalTopic) {
        ProducerRecord<String, String> r = new ProducerRecord<>(dlq, key, value);
        r.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        signature.forEach(r.headers()::add);
        r.headers().add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
        r.headers().add("dead-letter-topic", originalTopic.getBytes(StandardCharsets.UTF_8));
        r.headers().add("dead-letter-partition", "0".getBytes(StandardCharsets.UTF_8));
        r.headers().add("dead-letter-offset", "12".getBytes(StandardCharsets.UTF_8));
        try {
            return producer.send(r).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot write a dead letter to " + dlq + ": " + e, e);
        }
    }

    private static JsonPath list(Map<String, String> query) {
        return TestUsers.as(TestUsers.ADMIN).queryParams(query).get("/api/dead-letters").then().statusCode(200)
                .extract().jsonPath();
    }

    private static JsonPath replay(Map<String, Object> body) {
        return TestUsers.as(TestUsers.ADMIN).contentType("application/json").body(body)
                .post("/api/dead-letters/replay").then().statusCode(200).extract().jsonPath();
    }

    private static ConsumerRecord<String, String> awaitOne(KafkaTestClient.Tail tail,
                                                           Predicate<ConsumerRecord<String, String>> match) {
        return tail.awaitAny(match, WAIT).stream().filter(match).findFirst().orElseThrow();
    }

    private static List<ConsumerRecord<String, String>> awaitAll(KafkaTestClient.Tail tail,
                                                                 Predicate<ConsumerRecord<String, String>> match,
                                                                 int count) {
        await().atMost(WAIT).until(() -> tail.drain(Duration.ofMillis(300)).stream().filter(match).count() >= count);
        return tail.seen().stream().filter(match).toList();
    }

    private static List<org.assertj.core.groups.Tuple> headers(ConsumerRecord<String, String> r) {
        List<org.assertj.core.groups.Tuple> out = new ArrayList<>();
        for (Header h : r.headers()) {
            out.add(tuple(h.key(), text(h.value())));
        }
        return out;
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : text(h.value());
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
