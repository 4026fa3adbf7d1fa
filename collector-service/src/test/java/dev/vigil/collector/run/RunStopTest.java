package dev.vigil.collector.run;

import dev.vigil.collector.kafka.EventPublisher;
import dev.vigil.collector.run.CollectionIntervalsTest.Whole;
import dev.vigil.collector.spi.RawResponses;
import dev.vigil.common.evidence.RunFailure;
import dev.vigil.common.evidence.RunState;
import dev.vigil.common.store.EvidenceStore;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run whose lease another instance took over stops at its next piece of evidence: nothing more of it is published,
 * and it cannot end COMPLETED, so what it did not read does not leave scope.
 */
class RunStopTest {
    @TempDir
    Path store;

    /** What the run sent, by topic, acknowledged at once. */
    static final class Sent extends EventPublisher {
        final List<String> topics = new ArrayList<>();
        final List<String> records = new ArrayList<>();

        Sent() {
            super(new SmallRyeConfigBuilder().build(), null);
        }

        @Override
        public synchronized CompletableFuture<RecordMetadata> send(String topic, String key, String cloudEventJson) {
            topics.add(topic);
            records.add(cloudEventJson);
            return CompletableFuture.completedFuture(new RecordMetadata(new TopicPartition(topic, 0), 0, 0, 0, 0, 0));
        }

        long on(String topic) {
            return topics.stream().filter(topic::equals).count();
        }
    }

    @Test
    void aStoppedRunPublishesNothingMoreAndEndsPartialWithTheReason() {
        Sent sent = new Sent();
        List<RunSummary> summaries = new ArrayList<>();
        Run[] self = new Run[1];
        Run run = new Run(new Whole("test", null), "run-1", Clock.systemUTC(), sent,
                new Run.Settings("evidence", "runs", 1_000, Duration.ofSeconds(5)),
                new RawResponses(EvidenceStore.folder(store)), summaries::add, context -> {
                    for (int i = 0; i < 5; i++) {
                        if (i == 2) {
                            self[0].stop("its lease (token 7) was taken over by another instance");
                        }
                        context.evidence("test.resource", "resource-" + i, Map.of("n", i),
                                context.provenance("List", Map.of(), null));
                    }
                }, null);
        self[0] = run;

        RunState end = run.execute();

        assertThat(end).isEqualTo(RunState.PARTIAL);
        assertThat(sent.on("evidence")).as("evidence published before the stop only").isEqualTo(2);
        RunSummary last = summaries.get(summaries.size() - 1);
        assertThat(last.state()).isEqualTo(RunState.PARTIAL);
        assertThat(last.failures()).extracting(RunFailure::reason).containsExactly(
                "run stopped before its end: its lease (token 7) was taken over by another instance");
        assertThat(sent.records.get(sent.records.size() - 1)).as("the end published to the runs topic")
                .contains("PARTIAL").contains("taken over by another instance");
    }

    @Test
    void aRunStoppedBeforeItPublishedAnythingEndsFailed() {
        Sent sent = new Sent();
        Run[] self = new Run[1];
        Run run = new Run(new Whole("test", null), "run-2", Clock.systemUTC(), sent,
                new Run.Settings("evidence", "runs", 1_000, Duration.ofSeconds(5)),
                new RawResponses(EvidenceStore.folder(store)), summary -> { }, context -> {
                    self[0].stop("its lease was taken over");
                    context.evidence("test.resource", "resource-0", Map.of(), context.provenance("List", Map.of(),
                            null));
                }, null);
        self[0] = run;

        assertThat(run.execute()).isEqualTo(RunState.FAILED);
        assertThat(sent.on("evidence")).isZero();
    }
}
