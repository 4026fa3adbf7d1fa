package dev.vigil.collector.events.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.collector.aws.CloudTrailEventTargets;
import dev.vigil.collector.events.DeliveryMemory;
import dev.vigil.collector.spi.Target;
import dev.vigil.common.evidence.Trigger;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * What becomes of each message pulled from the AWS event queue. A message is deleted only once nothing more can come
 * of it: its targets' evidence was published (acknowledged by the broker), or it names nothing to read (a failed
 * call, another account, another event), or it can never be read (malformed: SQS would deliver it again and again
 * to the same end, so it is logged, counted and deleted rather than left to clog the dead-letter queue). A read
 * that fails leaves the message on the queue: SQS delivers it again after its visibility timeout, and to the
 * dead-letter queue after maxReceiveCount.
 *
 * <p>SQS delivers at least once: a copy of an event already read and published is deleted without reading; a copy of
 * one still being read is deleted when that read succeeds. Counted in {@code vigil_events_received_total{provider=
 * "aws",outcome}} as the webhook edge counts deliveries, and {@code vigil_events_queue_messages_total{provider="aws",
 * outcome=received|deleted|left|delete-failed}}. Nothing of a message's body is logged but its event id and type.
 */
public final class QueueMessages {
    public static final String PROVIDER = "aws";
    private static final Logger LOG = Logger.getLogger(QueueMessages.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where mapped targets are read: completes true once their evidence is published (TargetedCollections). */
    @FunctionalInterface
    public interface Reads {
        CompletableFuture<Boolean> request(List<Target> targets, Trigger trigger);
    }

    private final EventQueue queue;
    private final CloudTrailEventTargets events;
    private final Predicate<String> accountRead;
    private final DeliveryMemory recent;
    private final Reads reads;
    private final MeterRegistry meters;
    /** The reads under way, by event id: a copy of their message arriving meanwhile waits for them. */
    private final Map<String, CompletableFuture<Boolean>> reading = new ConcurrentHashMap<>();

    public QueueMessages(EventQueue queue, CloudTrailEventTargets events, Predicate<String> accountRead,
                         DeliveryMemory recent, Reads reads, MeterRegistry meters) {
        this.queue = queue;
        this.events = events;
        this.accountRead = accountRead;
        this.recent = recent;
        this.reads = reads;
        this.meters = meters;
    }

    /** Handles one message; returns at once, deleting it later if its read is still to come. */
    public void handle(EventQueue.Message message, Instant receivedAt) {
        count("received");
        CloudTrailEventTargets.Mapped mapped;
        try {
            mapped = events.map(parse(message.body()), accountRead);
        } catch (CloudTrailEventTargets.Malformed e) {
            received("malformed");
            LOG.warnf("message %s of queue %s is not a CloudTrail event Vigil reads (%s): deleted, since no retry "
                    + "can change that", message.messageId(), queue.name(), e.getMessage());
            delete(message);
            return;
        }
        String id = mapped.eventId();
        if (mapped.targets().isEmpty()) {
            received("ignored");
            LOG.debugf("aws event %s (%s) ignored: %s", id, mapped.eventType(), mapped.ignoredBecause());
            delete(message);
            return;
        }
        if (!recent.firstTime(PROVIDER, id, receivedAt)) {
            received("duplicate");
            CompletableFuture<Boolean> running = reading.get(id);
            if (running == null) {
                delete(message); // read and published already
            } else {
                running.thenAccept(ok -> deleteIf(ok, message, id));
            }
            return;
        }
        received("accepted");
        LOG.infof("aws event %s (%s): reading %s again", id, mapped.eventType(), mapped.targets());
        CompletableFuture<Boolean> read = reads.request(mapped.targets(),
                new Trigger(PROVIDER, id, mapped.eventType(), receivedAt));
        reading.put(id, read);
        read.whenComplete((ok, error) -> {
            boolean published = error == null && Boolean.TRUE.equals(ok);
            if (!published) {
                recent.forget(PROVIDER, id); // its redelivery must be read, not taken for a duplicate
            }
            reading.remove(id, read);
            deleteIf(published, message, id);
        });
    }

    private void deleteIf(boolean published, EventQueue.Message message, String eventId) {
        if (published) {
            delete(message);
        } else {
            count("left");
            LOG.warnf("aws event %s was not read: message %s stays on queue %s, which delivers it again after its "
                    + "visibility timeout", eventId, message.messageId(), queue.name());
        }
    }

    private void delete(EventQueue.Message message) {
        try {
            queue.delete(message);
            count("deleted");
        } catch (RuntimeException e) {
            // delivered again later: a duplicate of an event already read, deleted then
            count("delete-failed");
            LOG.errorf("could not delete message %s from queue %s: %s", message.messageId(), queue.name(),
                    e.getMessage());
        }
    }

    private static JsonNode parse(String body) throws CloudTrailEventTargets.Malformed {
        try {
            return body == null ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new CloudTrailEventTargets.Malformed("not JSON");
        }
    }

    private void received(String outcome) {
        meters.counter("vigil.events.received", "provider", PROVIDER, "outcome", outcome).increment();
    }

    private void count(String outcome) {
        meters.counter("vigil.events.queue.messages", "provider", PROVIDER, "outcome", outcome).increment();
    }
}
