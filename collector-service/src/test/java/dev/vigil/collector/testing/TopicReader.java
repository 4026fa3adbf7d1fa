package dev.vigil.collector.testing;

import dev.vigil.common.evidence.CollectionRunEvent;
import dev.vigil.common.evidence.EventCodec;
import dev.vigil.common.evidence.EvidenceEvent;
import dev.vigil.common.signing.EventSignatures;
import dev.vigil.common.signing.Verification;
import dev.vigil.stack.testing.TestEventKeys;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/**
 * Reads the evidence and run topics with a real consumer until every given run has published its final event,
 * then drains what is left, and returns the records of those runs. Every record read must carry a valid signature by
 * the test key the service signs with under test (docs/evidence.md#event-signatures).
 */
public final class TopicReader {
    /** A record as it sits in Kafka. */
    public record Received<T>(String key, String contentType, T event) {
    }

    public record Output(List<Received<EvidenceEvent>> evidence, List<Received<CollectionRunEvent>> runs) {
        public Optional<CollectionRunEvent> finalEvent(String runId) {
            return runs.stream().map(Received::event)
                    .filter(r -> r.runId().equals(runId) && r.state().finished()).findFirst();
        }

        public List<Received<EvidenceEvent>> evidenceOf(String runId) {
            return evidence.stream().filter(e -> e.event().runId().equals(runId)).toList();
        }
    }

    private TopicReader() {
    }

    /** Creates the topics first, so a consumer subscribed before the first record sees them at once. */
    public static void ensureTopics(String bootstrap, String... topics) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            for (String topic : topics) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException(e.getCause());
                    }
                }
            }
        }
    }

    public static Output read(String bootstrap, String evidenceTopic, String runsTopic, Collection<String> runIds,
                              Duration timeout) {
        return read(bootstrap, evidenceTopic, runsTopic, runIds::contains,
                out -> runIds.stream().allMatch(id -> out.finalEvent(id).isPresent()), timeout);
    }

    /** Every record of every run on the topics now, whether its run finished or not. */
    public static Output readAll(String bootstrap, String evidenceTopic, String runsTopic, Duration timeout) {
        return read(bootstrap, evidenceTopic, runsTopic, id -> true, out -> true, timeout);
    }

    private static Output read(String bootstrap, String evidenceTopic, String runsTopic,
                               java.util.function.Predicate<String> runIds,
                               java.util.function.Predicate<Output> complete, Duration timeout) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "collector-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<Received<EvidenceEvent>> evidence = new ArrayList<>();
        List<Received<CollectionRunEvent>> runs = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(evidenceTopic, runsTopic));
            while (true) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    String contentType = r.headers().lastHeader("content-type") == null ? null
                            : new String(r.headers().lastHeader("content-type").value());
                    requireSigned(r);
                    if (r.topic().equals(evidenceTopic)) {
                        EvidenceEvent e = EventCodec.decodeEvidence(r.value());
                        if (runIds.test(e.runId())) {
                            evidence.add(new Received<>(r.key(), contentType, e));
                        }
                    } else {
                        CollectionRunEvent e = EventCodec.decodeRun(r.value());
                        if (runIds.test(e.runId())) {
                            runs.add(new Received<>(r.key(), contentType, e));
                        }
                    }
                }
                Output out = new Output(evidence, runs);
                if (complete.test(out) && caughtUp(consumer)) {
                    return out;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("the runs wanted did not finish within " + timeout + "; run events: "
                            + runs.stream().map(x -> x.event().collector() + "=" + x.event().state()).toList());
                }
            }
        }
    }

    private static void requireSigned(ConsumerRecord<String, String> r) {
        var signature = r.headers().lastHeader(EventSignatures.SIGNATURE_HEADER);
        var keyId = r.headers().lastHeader(EventSignatures.KEY_ID_HEADER);
        Verification v = TestEventKeys.verifier().verify(r.value().getBytes(StandardCharsets.UTF_8),
                signature == null ? null : signature.value(), keyId == null ? null : keyId.value());
        if (!v.verified()) {
            throw new AssertionError("record " + r.topic() + "-" + r.partition() + "@" + r.offset() + " is not signed"
                    + " by the test key: " + v.reason());
        }
    }

    private static boolean caughtUp(KafkaConsumer<String, String> consumer) {
        if (consumer.assignment().isEmpty()) {
            return false; // not yet assigned: nothing read says anything
        }
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
