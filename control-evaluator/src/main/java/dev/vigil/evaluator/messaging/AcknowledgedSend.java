package dev.vigil.evaluator.messaging;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one record through an emitter and waits until the broker has it: callers go on (commit, acknowledge
 * the input) only once what they published cannot be lost.
 */
public final class AcknowledgedSend {
    private AcknowledgedSend() {
    }

    public static <T> void send(Emitter<T> emitter, String key, Headers headers, T value, String what) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        Message<T> message = Message.of(value)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).withHeaders(headers).build())
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
            throw new IllegalStateException("interrupted publishing " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker did not take " + what + ": " + e, e);
        }
    }
}
