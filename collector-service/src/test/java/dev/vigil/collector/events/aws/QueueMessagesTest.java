package dev.vigil.collector.events.aws;

import dev.vigil.collector.aws.CloudTrailEventTargets;
import dev.vigil.collector.aws.CloudTrailEventTargetsTest;
import dev.vigil.collector.aws.s3.S3CloudTrailTargetsTest;
import dev.vigil.collector.events.RecentDeliveries;
import dev.vigil.collector.spi.Target;
import dev.vigil.collector.testing.Fixtures;
import dev.vigil.common.evidence.Trigger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** When a message of the AWS event queue is deleted, and when it is left for SQS to deliver again. */
class QueueMessagesTest {
    static final Instant NOW = Instant.parse("2026-12-02T15:02:40Z");
    static final String ENCRYPTION = Fixtures.text(S3CloudTrailTargetsTest.class, "PutBucketEncryption.json");

    /** A queue that records deletions. */
    static class Queue implements EventQueue {
        final List<String> deleted = new ArrayList<>();

        @Override
        public String name() {
            return "https://sqs.us-east-1.amazonaws.com/111122223333/vigil-events";
        }

        @Override
        public List<Message> receive() {
            return List.of();
        }

        @Override
        public void delete(Message message) {
            deleted.add(message.receiptHandle());
        }
    }

    /** Reads that finish when the test says. */
    static final class Reads implements QueueMessages.Reads {
        final List<Trigger> triggers = new ArrayList<>();
        final List<List<Target>> targets = new ArrayList<>();
        final List<CompletableFuture<Boolean>> outcomes = new ArrayList<>();

        @Override
        public CompletableFuture<Boolean> request(List<Target> requested, Trigger trigger) {
            triggers.add(trigger);
            targets.add(requested);
            CompletableFuture<Boolean> outcome = new CompletableFuture<>();
            outcomes.add(outcome);
            return outcome;
        }
    }

    final Queue queue = new Queue();
    final Reads reads = new Reads();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final QueueMessages messages = new QueueMessages(queue, CloudTrailEventTargets.declared(), "111122223333"::equals,
            new RecentDeliveries(Duration.ofHours(24), 1000), reads, meters);

    static EventQueue.Message message(String handle, String body) {
        return new EventQueue.Message("m-" + handle, handle, body);
    }

    double count(String outcome) {
        return meters.counter("vigil.events.queue.messages", "provider", "aws", "outcome", outcome).count();
    }

    @Test
    void aMessageIsDeletedOnlyOnceItsEvidenceIsPublished() {
        messages.handle(message("h1", ENCRYPTION), NOW);

        assertThat(reads.targets).containsExactly(List.of(new Target("aws-s3", "bucket",
                "111122223333/us-east-1/acme-customer-data")));
        assertThat(reads.triggers.get(0)).satisfies(t -> {
            assertThat(t.provider()).isEqualTo("aws");
            assertThat(t.eventType()).isEqualTo("s3.PutBucketEncryption");
            assertThat(t.receivedAt()).isEqualTo(NOW);
        });
        assertThat(queue.deleted).isEmpty();
        reads.outcomes.get(0).complete(true);
        assertThat(queue.deleted).containsExactly("h1");
        assertThat(count("received")).isEqualTo(1);
        assertThat(count("deleted")).isEqualTo(1);
    }

    @Test
    void aFailedReadLeavesTheMessageAndItsRedeliveryIsReadAgain() {
        messages.handle(message("h1", ENCRYPTION), NOW);
        reads.outcomes.get(0).complete(false);
        assertThat(queue.deleted).isEmpty();
        assertThat(count("left")).isEqualTo(1);

        // SQS delivers it again after the visibility timeout, with a new receipt handle
        messages.handle(message("h2", ENCRYPTION), NOW.plusSeconds(300));
        assertThat(reads.triggers).hasSize(2);
        reads.outcomes.get(1).complete(true);
        assertThat(queue.deleted).containsExactly("h2");
    }

    @Test
    void aReadThatCouldNotRunLeavesTheMessage() {
        messages.handle(message("h1", ENCRYPTION), NOW);
        reads.outcomes.get(0).completeExceptionally(new IllegalStateException("stopping"));
        assertThat(queue.deleted).isEmpty();
    }

    @Test
    void aCopyOfAnEventAlreadyPublishedIsDeletedUnread() {
        messages.handle(message("h1", ENCRYPTION), NOW);
        reads.outcomes.get(0).complete(true);

        messages.handle(message("h2", ENCRYPTION), NOW.plusSeconds(1));
        assertThat(reads.triggers).hasSize(1);
        assertThat(queue.deleted).containsExactly("h1", "h2");
        assertThat(meters.counter("vigil.events.received", "provider", "aws", "outcome", "duplicate").count())
                .isEqualTo(1);
    }

    @Test
    void aCopyOfAnEventStillBeingReadIsDeletedWithItOnlyIfTheReadSucceeds() {
        messages.handle(message("h1", ENCRYPTION), NOW);
        messages.handle(message("h2", ENCRYPTION), NOW.plusSeconds(1));
        assertThat(reads.triggers).hasSize(1);
        assertThat(queue.deleted).isEmpty();
        reads.outcomes.get(0).complete(true);
        assertThat(queue.deleted).containsExactlyInAnyOrder("h1", "h2");

        Queue other = new Queue();
        Reads failing = new Reads();
        QueueMessages fresh = new QueueMessages(other, CloudTrailEventTargets.declared(), "111122223333"::equals,
                new RecentDeliveries(Duration.ofHours(24), 1000), failing, meters);
        fresh.handle(message("h3", ENCRYPTION), NOW);
        fresh.handle(message("h4", ENCRYPTION), NOW.plusSeconds(1));
        failing.outcomes.get(0).complete(false);
        assertThat(other.deleted).isEmpty();
    }

    @Test
    void aMalformedMessageIsCountedAndDeletedSinceNoRetryCanReadIt() {
        messages.handle(message("h1", "this is not JSON"), NOW);
        messages.handle(message("h2", Fixtures.text(CloudTrailEventTargetsTest.class, "ObjectCreated.json")), NOW);
        assertThat(reads.triggers).isEmpty();
        assertThat(queue.deleted).containsExactly("h1", "h2");
        assertThat(meters.counter("vigil.events.received", "provider", "aws", "outcome", "malformed").count())
                .isEqualTo(2);
    }

    @Test
    void failedCallsAndOtherAccountsAreDeletedUnread() {
        messages.handle(message("h1", Fixtures.text(CloudTrailEventTargetsTest.class,
                "PutBucketEncryption.failed.json")), NOW);
        messages.handle(message("h2", Fixtures.text(CloudTrailEventTargetsTest.class,
                "PutBucketEncryption.other-account.json")), NOW);
        assertThat(reads.triggers).isEmpty();
        assertThat(queue.deleted).containsExactly("h1", "h2");
        assertThat(meters.counter("vigil.events.received", "provider", "aws", "outcome", "ignored").count())
                .isEqualTo(2);
    }

    @Test
    void aDeletionThatFailsIsCountedAndTheRedeliveryIsThenDeletedUnread() {
        QueueMessages flaky = new QueueMessages(new Queue() {
            @Override
            public void delete(Message message) {
                if (message.receiptHandle().equals("h1")) {
                    throw new IllegalStateException("connection reset");
                }
                super.delete(message);
            }
        }, CloudTrailEventTargets.declared(), "111122223333"::equals,
                new RecentDeliveries(Duration.ofHours(24), 1000), reads, meters);
        flaky.handle(message("h1", ENCRYPTION), NOW);
        reads.outcomes.get(0).complete(true);
        assertThat(count("delete-failed")).isEqualTo(1);
        flaky.handle(message("h2", ENCRYPTION), NOW.plusSeconds(300));
        assertThat(reads.triggers).hasSize(1);
    }
}
