package dev.vigil.report.deadletters;

import java.time.Instant;

/** A dead letter that was replayed: when, by whom, and where the replayed record went. */
public record Replay(String deadLetterId, Instant replayedAt, String replayedBy, String targetTopic,
                     int targetPartition, long targetOffset) {
    /** Where the replayed record lies: {@code <topic>/<partition>/<offset>}. */
    public String target() {
        return targetTopic + "/" + targetPartition + "/" + targetOffset;
    }
}
