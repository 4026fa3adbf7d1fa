package dev.vigil.evaluator.ingest;

import dev.vigil.evaluator.messaging.AcknowledgedSend;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;

/**
 * Moves one evidence record that cannot be ingested to the evidence dead-letter topic, with the same headers the
 * messaging connector's dead-letter strategy writes ({@code dead-letter-reason}, {@code -cause}, {@code -topic},
 * {@code -partition}, {@code -offset}) so that every dead letter reads alike. The rest of its poll goes on.
 */
@ApplicationScoped
public class DeadLetters {
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    @Inject
    @Channel("evidence-dead-letter")
    Emitter<byte[]> emitter;

    /** The record's value goes as it came, byte for byte ({@link AdmittedEvidence#value()}). */
    public void send(ConsumerRecord<String, AdmittedEvidence> record, Throwable reason) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : record.headers()) {
            headers.add(h);
        }
        headers.add("dead-letter-reason", bytes(reason.getMessage() == null ? reason.toString() : reason.getMessage()));
        if (reason.getCause() != null && reason.getCause().getMessage() != null) {
            headers.add("dead-letter-cause", bytes(reason.getCause().getMessage()));
        }
        headers.add("dead-letter-topic", bytes(record.topic()));
        headers.add("dead-letter-partition", bytes(Integer.toString(record.partition())));
        headers.add("dead-letter-offset", bytes(Long.toString(record.offset())));
        AcknowledgedSend.send(emitter, record.key(), headers, record.value().value(),
                "the dead letter of " + record.topic() + "-" + record.partition() + "@" + record.offset());
        LOG.warnf("evidence record %s-%d@%d moved to the dead-letter topic: %s", record.topic(), record.partition(),
                record.offset(), reason.getMessage());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
