package dev.vigil.report.deadletters;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes replayed records with acks=all and an idempotent producer, and returns only once the broker has
 * acknowledged: a replay is recorded as done only when the record is on its topic for good.
 */
@Singleton
public class ReplayPublisher {
    private final Map<String, Object> settings;
    private final Duration timeout;
    private volatile KafkaProducer<byte[], byte[]> producer;

    public ReplayPublisher(Config config,
                           @ConfigProperty(name = "vigil.report.dead-letters.publish-timeout", defaultValue = "30s")
                           Duration timeout) {
        this.settings = KafkaClientSettings.producer(config);
        this.timeout = timeout;
    }

    /** @throws DeadLettersUnavailable when the broker refused the record or did not acknowledge it in time */
    public RecordMetadata publish(ProducerRecord<byte[], byte[]> record, DeadLetterId from) {
        String what = "the replay of " + from + " to " + record.topic() + " at "
                + settings.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
        try {
            Future<RecordMetadata> acked = producer().send(record);
            return acked.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadLettersUnavailable("interrupted while waiting for " + what, e);
        } catch (ExecutionException e) {
            throw new DeadLettersUnavailable("Kafka refused " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new DeadLettersUnavailable("Kafka did not acknowledge " + what + " within " + timeout
                    + " (vigil.report.dead-letters.publish-timeout)", e);
        } catch (RuntimeException e) {
            throw new DeadLettersUnavailable("cannot publish " + what + ": " + e.getMessage(), e);
        }
    }

    private KafkaProducer<byte[], byte[]> producer() {
        KafkaProducer<byte[], byte[]> p = producer;
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
            producer.close(Duration.ofSeconds(5));
        }
    }
}
