package dev.vigil.stack.testing;

import dev.vigil.common.signing.EventSignatures;
import dev.vigil.common.signing.EventSigner;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A real producer and consumer for tests: sends records and reads what services published. Records are signed as
 * Vigil's publishers sign them ({@code vigil-signature}, {@code vigil-key-id}), by default with the test key that
 * services under test trust ({@link TestEventKeys}); {@link #sendUnsigned} and {@link #sendSignedBy} send what an
 * outsider could.
 */
public final class KafkaTestClient implements AutoCloseable {
    private final String bootstrap;
    private final Map<String, Object> signIn;
    private final KafkaProducer<String, String> producer;
    private final EventSigner signer;

    public KafkaTestClient(String bootstrap) {
        this(bootstrap, TestEventKeys.signer());
    }

    /** Signs with the given key: for a stack that trusts another key than the test key (system tests). */
    public KafkaTestClient(String bootstrap, EventSigner signer) {
        this(bootstrap, signer, Map.of());
    }

    /**
     * Also signs in to the broker with the given client settings (SASL: {@code security.protocol},
     * {@code sasl.mechanism}, {@code sasl.jaas.config}; see {@code KafkaUsers#clientProperties}).
     */
    public KafkaTestClient(String bootstrap, EventSigner signer, Map<String, Object> signIn) {
        this.bootstrap = bootstrap;
        this.signer = signer;
        this.signIn = Map.copyOf(signIn);
        this.producer = new KafkaProducer<>(settings(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class)));
    }

    private Map<String, Object> settings(Map<String, Object> client) {
        Map<String, Object> all = new java.util.HashMap<>(signIn);
        all.putAll(client);
        return all;
    }

    public static KafkaTestClient forTestBroker() {
        return new KafkaTestClient(TestServers.kafka().bootstrapServers());
    }

    /** Sends a record as Vigil's producers do: with the CloudEvents structured-mode content type, signed. */
    public void sendEvent(String topic, String key, String value) {
        sendSignedBy(signer, topic, key, value);
    }

    /**
     * Sends many events signed, without waiting for each before the next (a large organisation's collection run), and
     * returns once the broker has all of them.
     */
    public void sendEvents(String topic, java.util.List<Map.Entry<String, String>> keyedValues) {
        java.util.List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
        for (Map.Entry<String, String> kv : keyedValues) {
            sent.add(producer.send(signed(signer, withContentType(new ProducerRecord<>(topic, kv.getKey(),
                    kv.getValue())))));
        }
        try {
            for (java.util.concurrent.Future<?> f : sent) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot send to " + topic + ": " + e.getCause(), e);
        }
    }

    /** Sends a record signed, without a content type. */
    public void send(String topic, String key, String value) {
        send(signed(signer, new ProducerRecord<>(topic, key, value)));
    }

    /** Sends an event with no signature, as any client that can write to the topic could. */
    public void sendUnsigned(String topic, String key, String value) {
        send(withContentType(new ProducerRecord<>(topic, key, value)));
    }

    /**
     * Sends bytes that need not be text (a corrupted record), signed over exactly those bytes, with the CloudEvents
     * content type: what reaches a consumer's decoder past the signature check.
     */
    public void sendSignedBytes(String topic, String key, byte[] value) {
        try (KafkaProducer<String, byte[]> bytes = new KafkaProducer<>(settings(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class)))) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
            record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
            record.headers().add(EventSignatures.SIGNATURE_HEADER, signer.sign(value).getBytes(StandardCharsets.UTF_8));
            record.headers().add(EventSignatures.KEY_ID_HEADER, signer.keyId().getBytes(StandardCharsets.UTF_8));
            awaitSent(bytes.send(record), topic);
        }
    }

    /** Sends an event signed by the given key (a forger's, or a rotated one). */
    public void sendSignedBy(EventSigner by, String topic, String key, String value) {
        send(signed(by, withContentType(new ProducerRecord<>(topic, key, value))));
    }

    private static ProducerRecord<String, String> withContentType(ProducerRecord<String, String> record) {
        record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static ProducerRecord<String, String> signed(EventSigner by, ProducerRecord<String, String> record) {
        if (by != null) {
            by.headers(record.value() == null ? "" : record.value()).forEach(record.headers()::add);
        }
        return record;
    }

    private void send(ProducerRecord<String, String> record) {
        awaitSent(producer.send(record), record.topic());
    }

    private static void awaitSent(java.util.concurrent.Future<?> sent, String topic) {
        try {
            sent.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot send to " + topic + ": " + e.getCause(), e);
        }
    }

    /** Each partition's end offset: where the next record published to the topic will be. */
    public Map<TopicPartition, Long> endOffsets(String topic) {
        try (KafkaConsumer<String, String> consumer = plainConsumer()) {
            List<TopicPartition> tps = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return Map.copyOf(consumer.endOffsets(tps, Duration.ofSeconds(10)));
        }
    }

    /** The offsets a consumer group committed on the topic (0 where it committed none): where it goes on from. */
    public Map<TopicPartition, Long> committedOffsets(String group, String topic) {
        try (Admin admin = Admin.create(settings(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap)))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, Long> offsets = new java.util.HashMap<>();
            endOffsets(topic).keySet().forEach(tp -> offsets.put(tp,
                    committed.get(tp) == null ? 0L : committed.get(tp).offset()));
            return Map.copyOf(offsets);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the offsets group " + group + " committed: " + e, e);
        }
    }

    private KafkaConsumer<String, String> plainConsumer() {
        return new KafkaConsumer<>(settings(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class)));
    }

    /** Starts reading a topic from its current end: only records published from now on are seen. */
    public Tail tailFromNow(String topic) {
        return new Tail(topic, false);
    }

    /** Reads a topic from its beginning. */
    public Tail tailFromStart(String topic) {
        return new Tail(topic, true);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /** The records of one topic, collected as they arrive. */
    public final class Tail implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;
        private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

        private Tail(String topic, boolean fromStart) {
            consumer = new KafkaConsumer<>(settings(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class)));
            // Assign every partition explicitly so "from now" is fixed before the caller acts.
            Instant deadline = Instant.now().plusSeconds(30);
            var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            while ((partitions == null || partitions.isEmpty()) && Instant.now().isBefore(deadline)) {
                producerCreates(topic);
                partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            }
            List<TopicPartition> tps = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(tps);
            if (fromStart) {
                consumer.seekToBeginning(tps);
            } else {
                consumer.seekToEnd(tps);
            }
            tps.forEach(consumer::position); // resolve the positions now
        }

        private void producerCreates(String topic) {
            producer.partitionsFor(topic); // metadata request auto-creates the topic on the test broker
        }

        /** Polls until a record matches or the timeout passes; returns every record seen so far. */
        public List<ConsumerRecord<String, String>> awaitAny(Predicate<ConsumerRecord<String, String>> match,
                                                            Duration timeout) {
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                if (seen.stream().anyMatch(match)) {
                    return List.copyOf(seen);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            }
            throw new AssertionError("no matching record on " + consumer.assignment() + " within " + timeout
                    + "; seen " + seen.size() + " record(s): " + seen.stream().map(ConsumerRecord::value).toList());
        }

        /** Polls for the given time and returns everything seen (for asserting that nothing more arrives). */
        public List<ConsumerRecord<String, String>> drain(Duration quietFor) {
            Instant deadline = Instant.now().plus(quietFor);
            while (Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            }
            return List.copyOf(seen);
        }

        public List<ConsumerRecord<String, String>> seen() {
            return List.copyOf(seen);
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
