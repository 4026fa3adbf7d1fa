package dev.vigil.report.upload;

import dev.vigil.common.evidence.EventCodec;
import dev.vigil.common.evidence.EvidenceEvent;
import dev.vigil.access.EventSigning;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes evidence onto the evidence topic exactly as the collectors do (CloudEvents structured mode, keyed by
 * resource key, acks=all: see the channel's configuration) and returns only once the broker acknowledged it, so
 * an upload is never reported as accepted while its evidence could still be lost. Signed with this service's event
 * key, which the evaluator trusts.
 */
@ApplicationScoped
public class EvidencePublisher {
    static final String CHANNEL = "evidence-uploads";

    private final Emitter<String> emitter;
    private final Duration timeout;
    private final EventSigning signing;

    public EvidencePublisher(@Channel(CHANNEL) Emitter<String> emitter,
                             @ConfigProperty(name = "vigil.report.uploads.publish-timeout", defaultValue = "30s")
                             Duration timeout, EventSigning signing) {
        this.emitter = emitter;
        this.timeout = timeout;
        this.signing = signing;
    }

    /** @throws PublishFailedException when the broker did not acknowledge within the timeout */
    public void publish(EvidenceEvent event) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", EventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        String value = EventCodec.encode(event);
        signing.sign(headers, value);
        Message<String> message = Message.of(value)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(event.resourceKey())
                        .withHeaders(headers)
                        .build())
                .withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(error -> {
                    acked.completeExceptionally(error);
                    return CompletableFuture.completedFuture(null);
                });
        try {
            emitter.send(message);
            acked.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while publishing evidence " + event.id(), e);
        } catch (ExecutionException e) {
            throw new PublishFailedException("Kafka refused evidence " + event.id() + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new PublishFailedException("Kafka did not acknowledge evidence " + event.id() + " within " + timeout, e);
        } catch (RuntimeException e) {
            // The emitter refuses synchronously when the channel is down or its buffer is full.
            throw new PublishFailedException("cannot publish evidence " + event.id() + ": " + e.getMessage(), e);
        }
    }

    /** The evidence could not be published; the upload is not accepted (answered 503). */
    public static class PublishFailedException extends RuntimeException {
        public PublishFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
