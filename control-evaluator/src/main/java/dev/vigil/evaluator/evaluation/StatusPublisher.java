package dev.vigil.evaluator.evaluation;

import dev.vigil.common.evidence.ControlStatusEvent;
import dev.vigil.common.evidence.EventCodec;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Publishes control status changes, keyed by control id, and waits until the broker has them. */
@ApplicationScoped
public class StatusPublisher {
    @Inject
    @Channel("control-status")
    Emitter<String> emitter;

    public void publish(ControlStatusEvent event) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        Message<String> message = Message.of(EventCodec.encode(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(event.controlId())
                        .withHeaders(new org.apache.kafka.common.header.internals.RecordHeaders()
                                .add("content-type", EventCodec.CONTENT_TYPE.getBytes()))
                        .build())
                .withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        emitter.send(message);
        try {
            acked.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted publishing the status of " + event.controlId(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker did not take the status of " + event.controlId() + ": " + e, e);
        }
    }
}
