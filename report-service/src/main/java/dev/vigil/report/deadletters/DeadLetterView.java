package dev.vigil.report.deadletters;

import java.time.Instant;

/**
 * A dead letter as the API lists it, with whether it was replayed.
 *
 * @param topic      the original topic (where a replay publishes it)
 * @param replayedTo where its replay lies ({@code <topic>/<partition>/<offset>}), null until replayed
 */
public record DeadLetterView(String id, String deadLetterTopic, String topic, Integer partition, Long offset,
                             String key, String reason, String cause, Instant deadLetteredAt, int sizeBytes,
                             String preview, String replayOf, boolean replayed, Instant replayedAt,
                             String replayedBy, String replayedTo) {
    static DeadLetterView of(DeadLetter d, Replay r) {
        return new DeadLetterView(d.id().toString(), d.id().topic(), d.originalTopic(), d.originalPartition(),
                d.originalOffset(), d.key(), d.reason(), d.cause(), d.deadLetteredAt(), d.sizeBytes(), d.preview(),
                d.replayOf(), r != null, r == null ? null : r.replayedAt(), r == null ? null : r.replayedBy(),
                r == null ? null : r.target());
    }
}
