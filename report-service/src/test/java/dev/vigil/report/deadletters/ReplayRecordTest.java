package dev.vigil.report.deadletters;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ReplayRecordTest {
    static final byte[] VALUE = "{\"specversion\":\"1.0\",\"id\":\"ev-1\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aReplayCarriesTheOriginalKeyValueAndHeadersAndNamesItsDeadLetter() {
        ConsumerRecord<byte[], byte[]> dead = deadLetter(headers(
                "dead-letter-exception-class-name", "dev.vigil.common.evidence.MalformedEventException",
                "dead-letter-reason", "UNSIGNED: no vigil-signature header",
                "dead-letter-topic", "vigil.evidence.v1", "dead-letter-partition", "1", "dead-letter-offset", "42",
                "content-type", "application/cloudevents+json", "vigil-signature", "c2ln", "vigil-key-id", "collector",
                "vigil-replayed-from", "vigil.evidence.v1.dlq/0/3"));

        ProducerRecord<byte[], byte[]> replay = ReplayRecord.of(dead, "vigil.evidence.v1");

        assertThat(replay.topic()).isEqualTo("vigil.evidence.v1");
        assertThat(replay.partition()).as("placed by its key, as its publisher placed it").isNull();
        assertThat(replay.key()).isEqualTo("github:acme/api".getBytes(StandardCharsets.UTF_8));
        assertThat(replay.value()).isEqualTo(VALUE);
        assertThat(replay.headers().toArray()).extracting(Header::key, h -> new String(h.value(), StandardCharsets.UTF_8))
                .containsExactly(tuple("content-type", "application/cloudevents+json"), tuple("vigil-signature", "c2ln"),
                        tuple("vigil-key-id", "collector"),
                        tuple("vigil-replayed-from", "vigil.evidence.v1.dlq/0/7")); // this dead letter, not the earlier one
    }

    @Test
    void aDeadLetterIsListedWithWhereItCameFromWhyAndAPreview() {
        ConsumerRecord<byte[], byte[]> dead = deadLetter(headers("dead-letter-reason", "event is not JSON",
                "dead-letter-cause", "Unexpected character ('n')", "dead-letter-topic", "vigil.evidence.v1",
                "dead-letter-partition", "1", "dead-letter-offset", "forty-two",
                "vigil-replayed-from", "vigil.evidence.v1.dlq/0/3"));

        DeadLetter d = DeadLetter.of(dead, "vigil.evidence.v1");

        assertThat(d.id()).hasToString("vigil.evidence.v1.dlq/0/7");
        assertThat(d.originalTopic()).isEqualTo("vigil.evidence.v1");
        assertThat(d.originalPartition()).isEqualTo(1);
        assertThat(d.originalOffset()).as("unreadable, so not shown").isNull();
        assertThat(d.key()).isEqualTo("github:acme/api");
        assertThat(d.reason()).isEqualTo("event is not JSON");
        assertThat(d.cause()).isEqualTo("Unexpected character ('n')");
        assertThat(d.deadLetteredAt()).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
        assertThat(d.sizeBytes()).isEqualTo(VALUE.length);
        assertThat(d.preview()).isEqualTo(new String(VALUE, StandardCharsets.UTF_8));
        assertThat(d.replayOf()).isEqualTo("vigil.evidence.v1.dlq/0/3");
    }

    @Test
    void thePreviewIsOneShortLine() {
        String preview = DeadLetter.preview(("{\n\t\"a\": \"" + "x".repeat(500) + "\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(preview).startsWith("{ \"a\": \"xxx").endsWith("...").hasSize(DeadLetter.PREVIEW_CHARS + 3)
                .doesNotContain("\n", "\t");
        assertThat(DeadLetter.preview(null)).isNull();
    }

    static ConsumerRecord<byte[], byte[]> deadLetter(RecordHeaders headers) {
        return new ConsumerRecord<>("vigil.evidence.v1.dlq", 0, 7, Instant.parse("2026-12-01T10:00:00Z").toEpochMilli(),
                TimestampType.CREATE_TIME, 15, VALUE.length, "github:acme/api".getBytes(StandardCharsets.UTF_8), VALUE,
                headers, Optional.empty());
    }

    static RecordHeaders headers(String... namesAndValues) {
        RecordHeaders h = new RecordHeaders();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            h.add(namesAndValues[i], namesAndValues[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return h;
    }
}
