package dev.vigil.report.deadletters;

import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the dead-letter topics with a plain consumer of its own: partitions assigned, read from their beginning to
 * the end they had when the read began, nothing committed. A listing reads everything the topics keep (dead-letter
 * topics are small); a replay seeks to the one record an id names.
 */
@Singleton
public class DeadLetterReader {
    private final Map<String, Object> settings;
    private final DeadLetterTopics topics;
    private final Duration timeout;

    public DeadLetterReader(Config config, DeadLetterTopics topics,
                            @ConfigProperty(name = "vigil.report.dead-letters.read-timeout", defaultValue = "30s")
                            Duration timeout) {
        this.settings = KafkaClientSettings.consumer(config);
        this.topics = topics;
        this.timeout = timeout;
    }

    /** One consumer for one request (a KafkaConsumer serves one thread): close it. */
    public Session open() {
        try {
            return new Session(new KafkaConsumer<>(settings));
        } catch (KafkaException e) {
            throw new DeadLettersUnavailable("cannot create a Kafka consumer for " + bootstrap() + ": "
                    + e.getMessage(), e);
        }
    }

    private String bootstrap() {
        return String.valueOf(settings.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
    }

    public final class Session implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;

        private Session(KafkaConsumer<byte[], byte[]> consumer) {
            this.consumer = consumer;
        }

        /** Every dead letter of every dead-letter topic, oldest first (by when it was dead-lettered). */
        public List<DeadLetter> all() {
            try {
                List<TopicPartition> partitions = new ArrayList<>();
                for (String topic : topics.deadLetterTopics()) {
                    partitions.addAll(partitionsOf(topic));
                }
                List<DeadLetter> out = new ArrayList<>();
                if (partitions.isEmpty()) {
                    return out;
                }
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
                Instant deadline = Instant.now().plus(timeout);
                while (!readUpTo(end)) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new DeadLettersUnavailable("could not read the dead-letter topics " + end.keySet()
                                + " from " + bootstrap() + " to their end within " + timeout
                                + " (vigil.report.dead-letters.read-timeout)", null);
                    }
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                        if (r.offset() < end.get(tp)) {
                            out.add(DeadLetter.of(r, topics.originalOf(r.topic()).orElseThrow()));
                        }
                    }
                }
                out.sort(Comparator.comparing(DeadLetter::deadLetteredAt)
                        .thenComparing(d -> d.id().topic()).thenComparing(d -> d.id().partition())
                        .thenComparing(d -> d.id().offset()));
                return out;
            } catch (KafkaException e) {
                throw new DeadLettersUnavailable("cannot read the dead-letter topics " + topics.deadLetterTopics()
                        + " from " + bootstrap() + ": " + e.getMessage(), e);
            }
        }

        /** The record an id names, as Kafka keeps it; empty when no configured dead-letter topic holds it. */
        public Optional<ConsumerRecord<byte[], byte[]>> find(DeadLetterId id) {
            if (topics.originalOf(id.topic()).isEmpty()) {
                return Optional.empty();
            }
            try {
                TopicPartition tp = new TopicPartition(id.topic(), id.partition());
                if (!partitionsOf(id.topic()).contains(tp)) {
                    return Optional.empty();
                }
                List<TopicPartition> one = List.of(tp);
                consumer.assign(one); // before asking its offsets, which the consumer keeps only for its assignment
                long first = consumer.beginningOffsets(one).get(tp);
                long end = consumer.endOffsets(one).get(tp);
                if (id.offset() < first || id.offset() >= end) {
                    return Optional.empty(); // never written, or gone with the topic's retention
                }
                consumer.seek(tp, id.offset());
                Instant deadline = Instant.now().plus(timeout);
                while (consumer.position(tp) <= id.offset()) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new DeadLettersUnavailable("could not read dead letter " + id + " from " + bootstrap()
                                + " within " + timeout + " (vigil.report.dead-letters.read-timeout)", null);
                    }
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        if (r.offset() == id.offset()) {
                            return Optional.of(r);
                        }
                    }
                }
                return Optional.empty(); // the offset holds no record (a transaction marker, or compacted away)
            } catch (KafkaException e) {
                throw new DeadLettersUnavailable("cannot read dead letter " + id + " from " + bootstrap() + ": "
                        + e.getMessage(), e);
            }
        }

        private List<TopicPartition> partitionsOf(String topic) {
            List<PartitionInfo> info = consumer.partitionsFor(topic);
            // No partitions: nothing was ever dead-lettered there, so the topic does not exist yet.
            return info == null ? List.of() : info.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        }

        private boolean readUpTo(Map<TopicPartition, Long> end) {
            for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
                if (consumer.position(e.getKey()) < e.getValue()) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
