package dev.vigil.report.deadletters;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One record on a dead-letter topic as an admin reads it: where it came from, why it could not be processed, and a
 * short preview of its value. The value itself stays on Kafka; a replay reads it again there.
 *
 * @param originalTopic     the topic its dead-letter topic belongs to (configured), where a replay publishes it;
 *                          the same as its {@code dead-letter-topic} header wherever Vigil wrote it
 * @param originalPartition its partition there ({@code dead-letter-partition}), null if not recorded
 * @param originalOffset    its offset there ({@code dead-letter-offset}), null if not recorded
 * @param reason            {@code dead-letter-reason}: why it was refused
 * @param cause             {@code dead-letter-cause}: the underlying error, if any
 * @param deadLetteredAt    when it was written to the dead-letter topic (the record's timestamp)
 * @param sizeBytes         the value's size
 * @param replayOf          {@code vigil-replayed-from}: the dead letter this record was itself a replay of, when a
 *                          replayed record failed again
 */
public record DeadLetter(DeadLetterId id, String originalTopic, Integer originalPartition, Long originalOffset,
                         String key, String reason, String cause, Instant deadLetteredAt, int sizeBytes,
                         String preview, String replayOf) {
    /** Headers the dead-letter strategies write (SmallRye's connector and the evaluator's DeadLetters alike). */
    public static final String HEADER_PREFIX = "dead-letter-";
    public static final String REASON = "dead-letter-reason";
    public static final String CAUSE = "dead-letter-cause";
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";
    /** Written on every replayed record: the id of the dead letter it replays. */
    public static final String REPLAYED_FROM = "vigil-replayed-from";
    static final int PREVIEW_CHARS = 200;

    static DeadLetter of(ConsumerRecord<byte[], byte[]> record, String configuredTopic) {
        Headers h = record.headers();
        return new DeadLetter(new DeadLetterId(record.topic(), record.partition(), record.offset()),
                configuredTopic, integer(text(h, PARTITION)), number(text(h, OFFSET)),
                record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                text(h, REASON), text(h, CAUSE), Instant.ofEpochMilli(record.timestamp()),
                record.value() == null ? 0 : record.value().length, preview(record.value()), text(h, REPLAYED_FROM));
    }

    /**
     * The value's first {@value #PREVIEW_CHARS} characters on one line: enough to recognise the event, nothing that
     * is not in the record already.
     */
    static String preview(byte[] value) {
        if (value == null) {
            return null;
        }
        String text = new String(value, StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}+", " ");
        return text.length() <= PREVIEW_CHARS ? text : text.substring(0, PREVIEW_CHARS) + "...";
    }

    private static String text(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static Integer integer(String s) {
        try {
            return s == null ? null : Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long number(String s) {
        try {
            return s == null ? null : Long.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
