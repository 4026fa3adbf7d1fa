package dev.vigil.collector.run;

import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.testing.SandboxResource;
import dev.vigil.access.testing.TestCallers;
import dev.vigil.collector.testing.TopicReader;
import dev.vigil.common.evidence.CollectionRunEvent;
import dev.vigil.common.evidence.RunState;
import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.PostgresTestResource;
import dev.vigil.stack.testing.TestServers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redaction you can rely on: every collector reads the sandbox, which serves one planted secret per redaction case
 * ({@code redaction/canaries.txt}) in fields no rule reads, an error message that becomes a failure reason and a
 * request parameter. Then every place the collector writes is scanned: every Kafka topic (records, keys and
 * headers), the evidence store, the HTTP cache, the service's log file and its run summaries. No canary may be
 * anywhere; and, so that this proves something, each canary must have been served by the sandbox during the run.
 */
@QuarkusTest
@TestProfile(RedactionCanaryIT.CanaryCredentials.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(SandboxResource.class)
class RedactionCanaryIT {
    private static final Path LOG = Path.of("target", "redaction-canary-it", "collector.log");

    /** Credentials for which the sandbox adds its canary failure and request parameter (docs/sandbox.md). */
    public static class CanaryCredentials implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "vigil.collectors.github-branch-protection.token", "sandbox-canary-token",
                    "vigil.collectors.okta-user-mfa.token", "sandbox-canary-token",
                    "quarkus.log.file.enabled", "true",
                    "quarkus.log.file.path", LOG.toString(),
                    "quarkus.log.file.level", "ALL",
                    "quarkus.log.category.\"dev.vigil\".level", "DEBUG");
        }
    }

    @Inject
    VigilConfig config;

    @Inject
    dev.vigil.common.store.EvidenceStore store;

    @Inject
    io.agroal.api.AgroalDataSource db;

    static Map<String, String> canaries() {
        Map<String, String> canaries = new LinkedHashMap<>();
        try (InputStream in = RedactionCanaryIT.class.getResourceAsStream("/redaction/canaries.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    int eq = line.indexOf(" = ");
                    canaries.put(line.substring(0, eq).strip(), line.substring(eq + 3).strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return canaries;
    }

    @Test
    void noPlantedSecretLeavesTheCollectorThoughEachWasServed() throws Exception {
        TestCallers.callAsService();
        Map<String, String> canaries = canaries();
        assertThat(canaries).hasSize(16);
        String bootstrap = TestServers.kafka().bootstrapServers();
        TopicReader.ensureTopics(bootstrap, config.topics().evidence(), config.topics().collectionRuns());
        clearJournal();

        List<String> runIds = given().post("/api/collections").then().statusCode(202)
                .extract().jsonPath().getList("runs.runId", String.class);
        TopicReader.Output out = TopicReader.read(bootstrap, config.topics().evidence(),
                config.topics().collectionRuns(), runIds, Duration.ofSeconds(120));
        Map<String, CollectionRunEvent> ends = runIds.stream().map(id -> out.finalEvent(id).orElseThrow())
                .collect(Collectors.toMap(CollectionRunEvent::collector, Function.identity()));

        // The failure path ran: payments-api's protection was refused with a message quoting a token.
        assertThat(ends.get("github-branch-protection").state()).isEqualTo(RunState.PARTIAL);
        assertThat(ends.get("github-branch-protection").failures()).singleElement().satisfies(f -> {
            assertThat(f.resourceKey()).isEqualTo("github:acme-demo/payments-api:branch:main");
            assertThat(f.reason()).contains("Resource not accessible by personal access token", "[REDACTED]");
        });
        // The request-parameter path ran: Okta's second users page was cited, its parameters redacted.
        assertThat(ends.get("okta-user-mfa").state()).isEqualTo(RunState.COMPLETED);
        assertThat(out.evidence()).anySatisfy(r -> assertThat(r.event().provenance().supporting())
                .anySatisfy(c -> assertThat(c.parameters()).containsEntry("sessionToken", "[REDACTED]")));
        ends.forEach((collector, end) -> {
            if (!collector.equals("github-branch-protection")) {
                assertThat(end.state()).as(collector).isEqualTo(RunState.COMPLETED);
            }
        });

        // Not vacuous: the sandbox served every canary during this collection.
        String served = servedDuringTheRun();
        assertThat(canaries).allSatisfy((name, canary) -> assertThat(served).as("served " + name).contains(canary));

        Map<String, String> written = new LinkedHashMap<>();
        written.putAll(kafka(bootstrap));
        written.putAll(files("evidence store", ((dev.vigil.common.store.FolderEvidenceStore) store).root()));
        written.putAll(httpCache());
        written.put("run summaries (GET /api/collections)", given().get("/api/collections").then().statusCode(200)
                .extract().asString());
        written.put("log " + LOG, Files.readString(LOG, StandardCharsets.ISO_8859_1));
        assertThat(written.keySet()).anyMatch(k -> k.startsWith("kafka " + config.topics().evidence()))
                .anyMatch(k -> k.startsWith("kafka " + config.topics().collectionRuns()))
                .anyMatch(k -> k.startsWith("evidence store")).anyMatch(k -> k.startsWith("HTTP cache"));
        assertThat(written.get("log " + LOG)).contains("could not read github:acme-demo/payments-api:branch:main");

        List<String> leaks = new ArrayList<>();
        written.forEach((where, text) -> {
            canaries.forEach((name, canary) -> {
                if (text.contains(canary)) {
                    leaks.add(name + " in " + where);
                }
            });
            if (text.contains("VIGILCANARY")) {
                leaks.add("a VIGILCANARY fragment in " + where + ": " + excerpt(text, "VIGILCANARY"));
            }
        });
        assertThat(leaks).isEmpty();
    }

    private static String excerpt(String text, String needle) {
        int i = text.indexOf(needle);
        return text.substring(Math.max(0, i - 120), Math.min(text.length(), i + 80));
    }

    private static String sandboxBase() {
        String okta = ConfigProvider.getConfig().getValue("vigil.collectors.okta-user-mfa.org-url", String.class);
        URI uri = URI.create(okta);
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    private static void clearJournal() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(sandboxBase() + "/__admin/requests")).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
    }

    /** WireMock's request journal: every request and the response it was served, bodies and headers included. */
    private static String servedDuringTheRun() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(sandboxBase() + "/__admin/requests")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        // bodies are JSON strings in the journal: undo the escapes a canary may contain (/ and newlines)
        return r.body().replace("\\/", "/").replace("\\n", "\n").replace("\\\"", "\"")
                .replace("\\u003d", "=").replace("\\u0026", "&");
    }

    /** Every record of every topic on the broker (dead-letter topics included): key, value and headers. */
    private static Map<String, String> kafka(String bootstrap) {
        Set<String> topics;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            topics = admin.listTopics().names().get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Map<String, StringBuilder> byTopic = new LinkedHashMap<>();
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "redaction-canary-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = topics.stream().filter(t -> !t.startsWith("__"))
                    .flatMap(t -> consumer.partitionsFor(t).stream().map(p -> new TopicPartition(t, p.partition())))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.nanoTime()).as("topics read to their end in time").isLessThan(deadline);
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    StringBuilder text = byTopic.computeIfAbsent("kafka " + r.topic(), t -> new StringBuilder());
                    text.append(string(r.key())).append('\n').append(string(r.value())).append('\n');
                    for (Header h : r.headers()) {
                        text.append(h.key()).append(": ").append(string(h.value())).append('\n');
                    }
                }
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        byTopic.forEach((k, v) -> out.put(k, v.toString()));
        return out;
    }

    private static String string(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }

    /** Every file under {@code root}, as text. */
    /** The GitHub ETag cache's entries, as stored in PostgreSQL. */
    private Map<String, String> httpCache() throws java.sql.SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (java.sql.Connection c = db.getConnection();
             java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT name, sealed FROM http_cache")) {
            while (rs.next()) {
                out.put("HTTP cache " + rs.getString(1), new String(rs.getBytes(2), StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(out).as("HTTP cache (collector.http_cache)").isNotEmpty();
        return out;
    }

    private static Map<String, String> files(String what, Path root) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.put(what + " " + root.relativize(f), Files.readString(f, StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(out).as(what + " " + root.toAbsolutePath()).isNotEmpty();
        return out;
    }
}
