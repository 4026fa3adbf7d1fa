package dev.vigil.collector.kafka;

import dev.vigil.access.EventSigning;
import dev.vigil.access.KafkaClientProperties;
import dev.vigil.common.evidence.EventCodec;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Sends CloudEvents (structured JSON) to Kafka and hands back the broker's acknowledgement, so a run can wait
 * for all its evidence before announcing its end. Any {@code kafka.*} property that the Kafka producer knows
 * (bootstrap servers, SASL, TLS, ...) is passed through; durability settings are fixed. Every record is signed
 * ({@link EventSigning}), so the evaluator can tell it from one any other client of the broker wrote.
 */
@ApplicationScoped
public class EventPublisher {
    static final String CONTENT_TYPE_HEADER = "content-type";

    private final Map<String, Object> settings;
    private final EventSigning signing;
    private volatile KafkaProducer<String, String> producer;

    public EventPublisher(Config config, EventSigning signing) {
        this.settings = producerSettings(config);
        this.signing = signing;
    }

    static Map<String, Object> producerSettings(Config config) {
        Map<String, Object> props = KafkaClientProperties.of(config, ProducerConfig.configNames());
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        // Evidence must not be lost or duplicated by producer retries.
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "vigil-collector-service");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return props;
    }

    /** Completes when the broker acknowledged the record (acks=all), exceptionally when it could not. */
    public CompletableFuture<RecordMetadata> send(String topic, String key, String cloudEventJson) {
        CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, cloudEventJson);
        record.headers().add(CONTENT_TYPE_HEADER, EventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        signing.sign(record.headers(), cloudEventJson);
        try {
            producer().send(record, (metadata, error) -> {
                if (error != null) {
                    acked.completeExceptionally(error);
                } else {
                    acked.complete(metadata);
                }
            });
        } catch (RuntimeException e) {
            acked.completeExceptionally(e);
        }
        return acked;
    }

    private KafkaProducer<String, String> producer() {
        KafkaProducer<String, String> p = producer;
        if (p == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = new KafkaProducer<>(settings);
                }
                p = producer;
            }
        }
        return p;
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
