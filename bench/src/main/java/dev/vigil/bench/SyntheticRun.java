package dev.vigil.bench;

import dev.vigil.common.evidence.CollectionRunEvent;
import dev.vigil.common.evidence.EventCodec;
import dev.vigil.common.evidence.EvidenceEvent;
import dev.vigil.common.evidence.Hashing;
import dev.vigil.common.evidence.Provenance;
import dev.vigil.common.evidence.Redactor;
import dev.vigil.common.evidence.RunState;
import dev.vigil.common.evidence.SourceRef;
import dev.vigil.common.evidence.Topics;
import dev.vigil.common.signing.EventSigner;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Collection runs of the AWS S3 collector over large accounts, one run per account, one after the other, each
 * published the way collector-service publishes it: STARTED, one evidence event per bucket keyed by resource key
 * (with a PROGRESS event every 100 items, the collector's default), and COMPLETED with the counts once the broker
 * acknowledged every evidence record. Several accounts are several collections (a source and resource type each),
 * which the evaluator locks apart: two evaluator instances store at the same time only while their polls hold
 * records of different ones. Facts have the shape S3Scan produces, so the evaluator's rules do their real work; the
 * provenance cites GetBucketEncryption alone (S3Scan also cites four supporting answers), so records keep the size
 * the recorded figures were measured with (docs/benchmarks.md).
 */
final class SyntheticRun {
    static final String RESOURCE_TYPE = "aws.s3.bucket";
    static final String COLLECTOR = "aws-s3";
    static final String COLLECTOR_VERSION = "1.0.0";
    /** The first account; the others follow it (111122223334, …). One account is the shape of the older figures. */
    static final long FIRST_ACCOUNT = 111122223333L;
    private static final EventSigner SIGNER = BenchKeys.signer();
    private static final int PROGRESS_EVERY = 100;
    private static final List<String> REGIONS = List.of("us-east-1", "us-east-1", "us-east-1", "us-west-2",
            "eu-west-1", "eu-central-1", "ap-southeast-2");
    private static final List<String> PURPOSES = List.of("logs", "backups", "data-lake", "assets", "artifacts",
            "exports", "audit", "uploads", "reports", "tmp");
    /** A real collector needs tens of milliseconds per GetBucketEncryption; observations are spread accordingly. */
    private static final Duration PER_BUCKET = Duration.ofMillis(20);

    record Produced(long evidenceRecords, long runRecords, long bytes, Duration elapsed, long failingBuckets,
                    int collections) {
    }

    private final int events;
    private final int collections;

    /** {@code events} buckets spread evenly over {@code collections} accounts (the first ones take the remainder). */
    SyntheticRun(int events, int collections) {
        if (collections < 1 || collections > events) {
            throw new IllegalArgumentException("collections must be between 1 and the number of events");
        }
        this.events = events;
        this.collections = collections;
    }

    static String account(int collection) {
        return Long.toString(FIRST_ACCOUNT + collection);
    }

    /** Generates, encodes and sends every record, and returns once the broker acknowledged all of them. */
    Produced produce(String bootstrapServers) {
        Map<String, Object> settings = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                // The collector's durability settings (EventPublisher): nothing lost, nothing duplicated.
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.CLIENT_ID_CONFIG, "vigil-bench-producer",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        Instant startedAt = Instant.now().minus(PER_BUCKET.multipliedBy(events + collections));
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicLong bytes = new AtomicLong();
        long failing = 0;
        long runRecords = 0;
        long t0 = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings)) {
            int from = 0;
            for (int c = 0; c < collections; c++) {
                int size = events / collections + (c < events % collections ? 1 : 0);
                Collection run = new Collection(account(c), UUID.randomUUID().toString());
                // the accounts are read one after the other, as a collector's runs over them follow each other
                Instant runStart = startedAt.plus(PER_BUCKET.multipliedBy(from + (long) c));
                runRecords += sendRun(producer, run.event(RunState.STARTED, runStart, runStart, 0), failure, bytes);
                for (int j = 0; j < size; j++) {
                    int i = from + j;
                    Instant observedAt = runStart.plus(PER_BUCKET.multipliedBy(j + 1L));
                    EvidenceEvent event = bucket(run, i, observedAt);
                    if (event.facts().get("defaultEncryption") == null) {
                        failing++;
                    }
                    send(producer, Topics.EVIDENCE, event.resourceKey(), EventCodec.encode(event), failure, bytes);
                    if ((j + 1) % PROGRESS_EVERY == 0 && j + 1 < size) {
                        runRecords += sendRun(producer, run.event(RunState.PROGRESS, runStart, observedAt, j + 1),
                                failure, bytes);
                    }
                }
                // As Run.execute does: the end of the run goes out only after every evidence record was acknowledged.
                producer.flush();
                throwIfFailed(failure);
                runRecords += sendRun(producer, run.event(RunState.COMPLETED, runStart,
                        runStart.plus(PER_BUCKET.multipliedBy(size + 1L)), size), failure, bytes);
                from += size;
            }
            producer.flush();
            throwIfFailed(failure);
        }
        return new Produced(events, runRecords, bytes.get(), Duration.ofNanos(System.nanoTime() - t0), failing,
                collections);
    }

    /** One account's run: its source and its run id. */
    private record Collection(String account, String runId) {
        SourceRef source() {
            return new SourceRef("aws", account);
        }

        CollectionRunEvent event(RunState state, Instant startedAt, Instant at, long published) {
            return new CollectionRunEvent(runId, COLLECTOR, source(), state, startedAt, at, List.of(RESOURCE_TYPE),
                    Map.of(RESOURCE_TYPE, published), List.of());
        }
    }

    /**
     * Bucket number i. About 70 % use SSE-S3, 25 % SSE-KMS (mostly with an S3 bucket key), 4.9 % DSSE-KMS, and
     * one in a thousand has no default encryption at all, so the encryption control fails on a few resources
     * as it does in a real, slightly neglected account. Likewise one in a thousand has versioning suspended, one has
     * no public access block (nor has the account) and one a policy that lets plain HTTP through.
     * <p>
     * The facts are all those S3Scan publishes: a bucket lacking the ones the S3 rules of LS-05, BDR-08 and LS-16
     * read is UNKNOWN there, and every evaluation would then read the whole account back as not passing.
     */
    EvidenceEvent bucket(Collection run, int i, Instant observedAt) {
        String region = REGIONS.get(i % REGIONS.size());
        String name = "acme-" + PURPOSES.get((i / REGIONS.size()) % PURPOSES.size()) + "-" + String.format("%07d", i);
        String algorithm;
        String kmsKeyId = null;
        boolean bucketKey = false;
        int slot = i % 1000;
        if (slot == 999) {
            algorithm = null;
        } else if (slot < 700) {
            algorithm = "AES256";
        } else if (slot < 950) {
            algorithm = "aws:kms";
            kmsKeyId = kmsKey(run.account(), region, i);
            bucketKey = slot % 5 != 0;
        } else {
            algorithm = "aws:kms:dsse";
            kmsKeyId = kmsKey(run.account(), region, i);
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("bucket", name);
        facts.put("region", region);
        facts.put("defaultEncryption", algorithm);
        facts.put("kmsKeyId", kmsKeyId);
        facts.put("bucketKeyEnabled", bucketKey);
        facts.put("publicAccessBlock", slot == 997 ? null : Map.of("blockPublicAcls", true, "ignorePublicAcls", true,
                "blockPublicPolicy", true, "restrictPublicBuckets", true));
        facts.put("accountPublicAccessBlock", null);
        facts.put("versioning", slot == 998 ? "Suspended" : "Enabled");
        facts.put("bucketPolicy", true);
        facts.put("policyDeniesInsecureTransport", slot != 996);
        String key = "aws:" + run.account() + ":s3:" + name;
        // The sha256 of the raw GetBucketEncryption response the collector would have stored.
        String responseSha256 = Hashing.sha256Hex(name + "|" + algorithm + "|" + kmsKeyId + "|" + bucketKey);
        Provenance provenance = new Provenance("s3:GetBucketEncryption", Map.of("Bucket", name), null, responseSha256,
                COLLECTOR, COLLECTOR_VERSION);
        return EvidenceEvent.of(run.source(), RESOURCE_TYPE, key, observedAt, run.runId(), Redactor.redactFacts(facts),
                provenance);
    }

    private static String kmsKey(String account, String region, int i) {
        // A few dozen customer-managed keys per account, shared between buckets, as is usual.
        UUID key = UUID.nameUUIDFromBytes(("key-" + (i % 37)).getBytes(StandardCharsets.UTF_8));
        return "arn:aws:kms:" + region + ":" + account + ":key/" + key;
    }

    private int sendRun(KafkaProducer<String, String> producer, CollectionRunEvent run,
                        AtomicReference<Exception> failure, AtomicLong bytes) {
        send(producer, Topics.COLLECTION_RUNS, run.key(), EventCodec.encode(run), failure, bytes);
        return 1;
    }

    private static void send(KafkaProducer<String, String> producer, String topic, String key, String value,
                             AtomicReference<Exception> failure, AtomicLong bytes) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        record.headers().add("content-type", EventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        // signed as the collector signs, so the evaluator's verification is part of what is measured
        SIGNER.headers(value).forEach(record.headers()::add);
        bytes.addAndGet(value.length());
        producer.send(record, (metadata, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
        });
    }

    private static void throwIfFailed(AtomicReference<Exception> failure) {
        if (failure.get() != null) {
            throw new IllegalStateException("the broker refused a record: " + failure.get(), failure.get());
        }
    }
}
