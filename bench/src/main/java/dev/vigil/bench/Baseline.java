package dev.vigil.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.common.evidence.EventCodec;
import dev.vigil.common.evidence.EvidenceEvent;
import dev.vigil.common.evidence.Topics;
import dev.vigil.common.signing.EventSignatures;
import dev.vigil.common.signing.EventVerifier;
import dev.vigil.common.signing.Verification;
import dev.vigil.stack.Database;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What a plain consumer costs over the same records: one KafkaConsumer (fresh group, from the beginning) that
 * decodes each record with EventCodec, serialises facts, provenance and a verdict to JSON, and inserts the same
 * two rows the evaluator writes (evidence_item and resource_state) with batched JDBC, one transaction per poll,
 * committing the offsets after the transaction as the evaluator does. It keeps none of the evaluator's guarantees
 * beyond that (no ordering check against newer evidence, no lock, no scope settlement): it is the floor the
 * evaluator is compared with, not an alternative design.
 * <p>
 * {@link #admitting} makes the same consumer also check each record's Ed25519 signature with {@link EventVerifier}
 * before decoding it, as the evaluator must: the floor of a consumer that admits only signed evidence, which says
 * what the evaluator costs beyond admission. It writes to a schema of its own.
 */
final class Baseline {
    static final String SCHEMA = "bench";
    static final String ADMITTING_SCHEMA = "bench_verified";
    static final int BATCH = 500;
    private static final Set<String> AT_REST = Set.of("AES256", "aws:kms", "aws:kms:dsse");

    record Result(long records, Duration elapsed) {
    }

    private final String bootstrapServers;
    private final Database db;
    private final String schema;
    private final EventVerifier verifier; // null: records are not checked

    private Baseline(String bootstrapServers, Database db, String schema, EventVerifier verifier) {
        this.bootstrapServers = bootstrapServers;
        this.db = db;
        this.schema = schema;
        this.verifier = verifier;
    }

    /** The raw floor: decode and insert, nothing checked. The issue's target is a share of this one. */
    static Baseline raw(String bootstrapServers, Database db) {
        return new Baseline(bootstrapServers, db, SCHEMA, null);
    }

    /** The floor with the evaluator's admission: every record's signature verified before it is decoded. */
    static Baseline admitting(String bootstrapServers, Database db, EventVerifier verifier) {
        return new Baseline(bootstrapServers, db, ADMITTING_SCHEMA, verifier);
    }

    String schema() {
        return schema;
    }

    /** Scratch tables shaped exactly like the evaluator's (columns, keys, indexes and the foreign key). */
    void createTables() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("CREATE SCHEMA " + schema);
            s.execute("CREATE TABLE " + schema + ".evidence_item (LIKE evaluator.evidence_item INCLUDING ALL)");
            s.execute("CREATE TABLE " + schema + ".resource_state (LIKE evaluator.resource_state INCLUDING ALL)");
            s.execute("ALTER TABLE " + schema + ".resource_state ADD FOREIGN KEY (evidence_id) REFERENCES "
                    + schema + ".evidence_item (evidence_id)");
        }
    }

    /** Consumes until {@code expected} evidence records were stored; the clock includes joining the group. */
    Result run(long expected, Duration stallTimeout) throws SQLException {
        Map<String, Object> settings = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "vigil-bench-baseline-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, BATCH,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        ObjectMapper json = EventCodec.mapper();
        long stored = 0;
        long t0 = System.nanoTime();
        long lastProgress = t0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings);
             Connection c = connect();
             PreparedStatement evidence = c.prepareStatement("""
                     INSERT INTO %s.evidence_item (evidence_id, source, resource_type, resource_key, facts,
                                                      provenance, first_observed_at, last_observed_at, first_run_id)
                     VALUES (?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), ?, ?, ?)
                     ON CONFLICT DO NOTHING""".formatted(schema));
             PreparedStatement state = c.prepareStatement("""
                     INSERT INTO %s.resource_state (resource_key, resource_type, source, evidence_id, observed_at,
                                                       run_id, provenance, verdicts, in_scope)
                     VALUES (?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), true)
                     ON CONFLICT DO NOTHING""".formatted(schema))) {
            c.setAutoCommit(false);
            consumer.subscribe(List.of(Topics.EVIDENCE));
            while (stored < expected) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    if (System.nanoTime() - lastProgress > stallTimeout.toNanos()) {
                        throw new IllegalStateException("the baseline consumer stalled at " + stored + " of "
                                + expected + " records");
                    }
                    continue;
                }
                for (ConsumerRecord<String, String> record : records) {
                    if (verifier != null) {
                        requireVerified(record);
                    }
                    EvidenceEvent e = EventCodec.decodeEvidence(record.value());
                    Timestamp observed = Timestamp.from(e.observedAt());
                    String source = e.source().uri();
                    String provenance = write(json, e.provenance());
                    evidence.setString(1, e.id());
                    evidence.setString(2, source);
                    evidence.setString(3, e.resourceType());
                    evidence.setString(4, e.resourceKey());
                    evidence.setString(5, write(json, e.facts()));
                    evidence.setString(6, provenance);
                    evidence.setTimestamp(7, observed);
                    evidence.setTimestamp(8, observed);
                    evidence.setString(9, e.runId());
                    evidence.addBatch();
                    state.setString(1, e.resourceKey());
                    state.setString(2, e.resourceType());
                    state.setString(3, source);
                    state.setString(4, e.id());
                    state.setTimestamp(5, observed);
                    state.setString(6, e.runId());
                    state.setString(7, provenance);
                    state.setString(8, write(json, verdicts(e)));
                    state.addBatch();
                }
                evidence.executeBatch();
                state.executeBatch();
                c.commit();
                consumer.commitSync();
                stored += records.count();
                lastProgress = System.nanoTime();
            }
        }
        return new Result(stored, Duration.ofNanos(System.nanoTime() - t0));
    }

    /** As the evaluator admits a record (EventTrust): the value's UTF-8 bytes against the signature headers. */
    private void requireVerified(ConsumerRecord<String, String> record) {
        Verification v = verifier.verify(record.value().getBytes(StandardCharsets.UTF_8),
                header(record, EventSignatures.SIGNATURE_HEADER), header(record, EventSignatures.KEY_ID_HEADER));
        if (v.outcome() != Verification.Outcome.VERIFIED) {
            throw new IllegalStateException("record " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + " is " + v.outcome() + ": the bench's producer signs every record");
        }
    }

    private static byte[] header(ConsumerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : h.value();
    }

    /**
     * A verdict of the same shape and size the evaluator stores ({rule id: {outcome, reason}}), computed the way
     * its S3 rule does, so the baseline's rows weigh the same.
     */
    private static Map<String, Object> verdicts(EvidenceEvent e) {
        Object bucket = e.facts().get("bucket");
        Object algorithm = e.facts().get("defaultEncryption");
        Map<String, Object> verdict = algorithm instanceof String a && AT_REST.contains(a)
                ? Map.of("outcome", "PASS", "reason", "bucket " + bucket + " encrypts by default with " + a)
                : Map.of("outcome", "FAIL", "reason", "bucket " + bucket + " has no default encryption configured");
        return Map.of("aws.s3.default-encryption", verdict);
    }

    private static String write(ObjectMapper json, Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
    }
}
