package dev.vigil.report.deadletters;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Replays dead letters to their original topics, each at most once. Per dead letter, one transaction: lock its id,
 * look for an earlier replay, publish and wait for the broker's acknowledgement, record the replay. A concurrent
 * replay of the same dead letter waits for the lock and then finds the record. A crash after the broker's
 * acknowledgement and before the commit leaves the replay unrecorded, so the next replay publishes it once more: at
 * most one duplicate per crash, which the consumers absorb (evidence ids are unique, a status no newer than the
 * stored one changes nothing).
 */
@ApplicationScoped
public class DeadLetterReplayer {
    private static final Logger LOG = Logger.getLogger(DeadLetterReplayer.class);
    // Longer than reading a dead letter and waiting for the broker together (both 30 s by default).
    private static final int TRANSACTION_SECONDS = 300;

    private final DeadLetterReader reader;
    private final ReplayPublisher publisher;
    private final ReplayLog log;
    private final DeadLetterTopics topics;
    private final Clock clock;

    public DeadLetterReplayer(DeadLetterReader reader, ReplayPublisher publisher, ReplayLog log,
                              DeadLetterTopics topics, Clock clock) {
        this.reader = reader;
        this.publisher = publisher;
        this.log = log;
        this.topics = topics;
        this.clock = clock;
    }

    /** What replaying some dead letters came to, in the order asked; a failure names what was done before it. */
    public static final class Progress {
        private final List<ReplayOutcome> outcomes = new ArrayList<>();

        public List<ReplayOutcome> outcomes() {
            return List.copyOf(outcomes);
        }
    }

    /**
     * Replays the dead letters named, in order (each once, however often it is named), as {@code who}.
     *
     * @throws DeadLettersUnavailable when Kafka could not be read or did not take a record; {@code progress} then
     *                                holds what was done before
     */
    public void replay(List<String> ids, String who, Progress progress) {
        try (DeadLetterReader.Session dlq = reader.open()) {
            for (String raw : new LinkedHashSet<>(ids)) {
                Optional<DeadLetterId> id = DeadLetterId.parse(raw);
                progress.outcomes.add(id.isEmpty()
                        ? ReplayOutcome.unknown(raw, "not a dead letter id (" + DeadLetterId.FORMAT + ")")
                        : QuarkusTransaction.requiringNew().timeout(TRANSACTION_SECONDS)
                        .call(() -> replayOne(dlq, id.get(), who)));
            }
        }
    }

    private ReplayOutcome replayOne(DeadLetterReader.Session dlq, DeadLetterId id, String who) {
        log.lock(id);
        Optional<Replay> earlier = log.find(id);
        if (earlier.isPresent()) {
            return ReplayOutcome.alreadyReplayed(earlier.get());
        }
        Optional<String> target = topics.originalOf(id.topic());
        if (target.isEmpty()) {
            return ReplayOutcome.unknown(id.toString(), "'" + id.topic() + "' is not a dead-letter topic of "
                    + topics.originalTopics());
        }
        Optional<ConsumerRecord<byte[], byte[]>> dead = dlq.find(id);
        if (dead.isEmpty()) {
            return ReplayOutcome.unknown(id.toString(), id.topic() + " holds no record at partition " + id.partition()
                    + ", offset " + id.offset() + " (never written, or gone with the topic's retention)");
        }
        RecordMetadata sent = publisher.publish(ReplayRecord.of(dead.get(), target.get()), id);
        // At the database's precision, so this answer and every later one show the same time.
        Replay done = new Replay(id.toString(), clock.instant().truncatedTo(ChronoUnit.MICROS), who, sent.topic(),
                sent.partition(), sent.offset());
        log.record(done);
        LOG.infof("dead letter %s replayed by %s to %s", id, who, done.target());
        return ReplayOutcome.replayed(done);
    }
}
