package dev.vigil.report.deadletters;

import dev.vigil.access.KafkaClientProperties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.Config;

import java.util.Map;
import java.util.Set;

/**
 * The plain Kafka clients of the dead-letter admin sign in as the service's channels do
 * ({@link KafkaClientProperties}). What the admin relies on is then fixed: raw bytes, no consumer group, no topic created by looking, acks=all with
 * idempotence.
 */
final class KafkaClientSettings {
    static final String CLIENT_ID = "vigil-report-service-dead-letters";

    private KafkaClientSettings() {
    }

    static Map<String, Object> consumer(Config config) {
        Map<String, Object> props = passedThrough(config, ConsumerConfig.configNames());
        // Assigned partitions, read from the beginning: nothing is committed, no group is joined or rebalanced.
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Listing must not create a dead-letter topic that no failure has created yet.
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, CLIENT_ID);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        return props;
    }

    static Map<String, Object> producer(Config config) {
        Map<String, Object> props = passedThrough(config, ProducerConfig.configNames());
        props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        // A replay must not be lost, nor duplicated by the producer's own retries.
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, CLIENT_ID);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        return props;
    }

    private static Map<String, Object> passedThrough(Config config, Set<String> names) {
        return KafkaClientProperties.of(config, names);
    }
}
