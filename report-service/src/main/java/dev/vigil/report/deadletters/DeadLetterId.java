package dev.vigil.report.deadletters;

import java.util.Optional;

/**
 * Where a dead letter lies: {@code <dead-letter topic>/<partition>/<offset>}, e.g.
 * {@code vigil.evidence.v1.dlq/0/17}. A Kafka record is named by exactly that, for as long as the topic keeps it, so
 * the id needs no registry; Kafka topic names cannot hold a {@code /}.
 */
public record DeadLetterId(String topic, int partition, long offset) {
    public static final String FORMAT = "<dead-letter topic>/<partition>/<offset>";

    public DeadLetterId {
        if (topic == null || topic.isBlank() || topic.contains("/") || partition < 0 || offset < 0) {
            throw new IllegalArgumentException("not a dead letter id: " + topic + "/" + partition + "/" + offset);
        }
    }

    /** Empty when the text is not of the form {@value #FORMAT}. */
    public static Optional<DeadLetterId> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String[] parts = text.trim().split("/", -1);
        if (parts.length != 3 || parts[0].isBlank()) {
            return Optional.empty();
        }
        try {
            int partition = Integer.parseInt(parts[1]);
            long offset = Long.parseLong(parts[2]);
            return partition < 0 || offset < 0 ? Optional.empty()
                    : Optional.of(new DeadLetterId(parts[0], partition, offset));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return topic + "/" + partition + "/" + offset;
    }
}
