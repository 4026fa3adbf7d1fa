package dev.vigil.system;

import dev.vigil.common.evidence.EventCodec;
import dev.vigil.common.evidence.EvidenceEvent;
import dev.vigil.common.evidence.Hashing;
import dev.vigil.common.evidence.Provenance;
import dev.vigil.common.evidence.SourceRef;
import dev.vigil.common.evidence.Topics;
import dev.vigil.common.signing.EventSignatures;
import dev.vigil.common.signing.EventSigner;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The fault suite's evidence: S3 buckets of one AWS account, observed again and again with changing facts (every
 * observation a distinct evidence item), published to the evidence topic signed with the collector's own key, the
 * way collector-service publishes (acks=all, idempotent). One bucket's default encryption is switched off and on
 * ({@link #flip}) so that LS-01 changes status at known points; malformed records are mixed in on request.
 */
final class EvidenceStream implements AutoCloseable {
    static final String ACCOUNT = "999900001111";
    static final SourceRef SOURCE = new SourceRef("aws", ACCOUNT);
    static final String RESOURCE_TYPE = "aws.s3.bucket";

    private final String scenario;
    private final int buckets;
    private final EventSigner signer;
    private final KafkaProducer<String, byte[]> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Set<String> distinct = new HashSet<>();
    private final Random random;
    private long sent;
    private long duplicatesSent;
    private long malformedSent;
    private long observation;

    EvidenceStream(String bootstrap, Map<String, Object> signIn, EventSigner signer, String scenario, int buckets) {
        this.scenario = scenario;
        this.buckets = buckets;
        this.signer = signer;
        this.random = new Random(scenario.hashCode());
        Map<String, Object> settings = new HashMap<>(signIn);
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // A broker outage is waited out, as the collector would, rather than failing the stream.
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000);
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 600_000);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        settings.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_000_000);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "vigil-fault-suite");
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producer = new KafkaProducer<>(settings);
    }

    /** The resource key prefix of this scenario's buckets. */
    static String keyPrefix(String scenario) {
        return "aws:" + ACCOUNT + ":s3:fault-" + scenario + "-";
    }

    /** The next observation of bucket number {@code i % buckets}, encrypted; one in a hundred is sent twice. */
    void observe(long i) {
        EvidenceEvent e = bucket("b" + (i % buckets), "AES256");
        send(e);
        if (random.nextInt(100) == 0) { // a collector retry: the same evidence again, stored once
            send(e);
            duplicatesSent++;
        }
    }

    /** The flip bucket without default encryption (LS-01 fails) or with it again (LS-01 passes). */
    void flip(boolean encrypted) {
        send(bucket("flip", encrypted ? "AES256" : null));
    }

    /** A malformed record made from a real envelope, signed like the rest (so it reaches the decoder). */
    String malformed() {
        String envelope = EventCodec.encode(bucket("b" + random.nextInt(buckets), "AES256"));
        long n = malformedSent++;
        byte[] value = MalformedEvents.mutate(envelope, n, random);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.EVIDENCE, malformedKey(scenario, n), value);
        record.headers().add(EventSignatures.SIGNATURE_HEADER, signer.sign(value).getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventSignatures.KEY_ID_HEADER, signer.keyId().getBytes(StandardCharsets.UTF_8));
        sendRecord(record);
        return MalformedEvents.mutationName(n);
    }

    static String malformedKey(String scenario, long n) {
        return malformedKeyPrefix(scenario) + n;
    }

    static String malformedKeyPrefix(String scenario) {
        return "fuzz-" + scenario + "-";
    }

    private EvidenceEvent bucket(String name, String encryption) {
        String bucket = "fault-" + scenario + "-" + name; // its key: keyPrefix(scenario) + name
        long n = observation++;
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("bucket", bucket);
        facts.put("region", "eu-west-1");
        facts.put("defaultEncryption", encryption);
        facts.put("bucketKeyEnabled", false);
        facts.put("versioning", "Enabled");
        facts.put("policyDeniesInsecureTransport", true);
        facts.put("bucketPolicy", true);
        facts.put("publicAccessBlock", Map.of("blockPublicAcls", true, "ignorePublicAcls", true,
                "blockPublicPolicy", true, "restrictPublicBuckets", true));
        facts.put("objectCount", n); // changes between observations: each is a distinct evidence item
        Provenance provenance = new Provenance("s3:GetBucketEncryption", Map.of("Bucket", bucket), null,
                Hashing.sha256Hex(bucket + "|" + n), "aws-s3", "1.0.0");
        return EvidenceEvent.of(SOURCE, RESOURCE_TYPE, keyPrefix(scenario) + name, Instant.now(),
                "fault-suite-" + scenario, facts, provenance);
    }

    private void send(EvidenceEvent e) {
        String value = EventCodec.encode(e);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.EVIDENCE, e.resourceKey(),
                value.getBytes(StandardCharsets.UTF_8));
        record.headers().add("content-type", EventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        signer.headers(value).forEach(record.headers()::add);
        sendRecord(record);
        distinct.add(e.id());
        sent++;
    }

    private void sendRecord(ProducerRecord<String, byte[]> record) {
        throwIfFailed();
        producer.send(record, (metadata, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
        });
    }

    /** Returns once the broker acknowledged everything sent. */
    void flush() {
        producer.flush();
        throwIfFailed();
    }

    private void throwIfFailed() {
        if (failure.get() != null) {
            throw new IllegalStateException("the broker did not take a record of the fault suite: " + failure.get(),
                    failure.get());
        }
    }

    long sent() {
        return sent;
    }

    long duplicatesSent() {
        return duplicatesSent;
    }

    long malformedSent() {
        return malformedSent;
    }

    Set<String> distinctEvidence() {
        return distinct;
    }

    @Override
    public void close() {
        producer.close();
    }
}
