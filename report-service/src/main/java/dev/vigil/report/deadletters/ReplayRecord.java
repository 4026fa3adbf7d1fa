package dev.vigil.report.deadletters;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;

/**
 * What a replay publishes: the dead letter's key and value byte for byte, and its headers as the original record
 * had them: the dead-letter headers go, everything else stays, above all {@code vigil-signature} and
 * {@code vigil-key-id}, so the consumer verifies the replayed record as signed by its original publisher (the
 * signature covers the value's bytes only). One {@code vigil-replayed-from} header names the dead letter.
 * No partition is given: the key places the record as its publisher's did.
 */
final class ReplayRecord {
    private ReplayRecord() {
    }

    static ProducerRecord<byte[], byte[]> of(ConsumerRecord<byte[], byte[]> dead, String targetTopic) {
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(targetTopic, dead.key(), dead.value());
        for (Header h : dead.headers()) {
            if (!h.key().startsWith(DeadLetter.HEADER_PREFIX) && !h.key().equals(DeadLetter.REPLAYED_FROM)) {
                out.headers().add(h.key(), h.value());
            }
        }
        String id = new DeadLetterId(dead.topic(), dead.partition(), dead.offset()).toString();
        out.headers().add(DeadLetter.REPLAYED_FROM, id.getBytes(StandardCharsets.UTF_8));
        return out;
    }
}
