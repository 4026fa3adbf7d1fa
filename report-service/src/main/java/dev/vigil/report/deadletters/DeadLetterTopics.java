package dev.vigil.report.deadletters;

import dev.vigil.common.evidence.Topics;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The topics whose dead letters an admin may list and replay ({@code vigil.report.dead-letters.topics}), each with
 * its dead-letter topic ({@link Topics#deadLetter}). A dead letter is replayed to the topic its dead-letter topic
 * belongs to by this configuration, never to whatever its {@code dead-letter-topic} header says: a record on a
 * dead-letter topic cannot choose where a replay writes.
 */
@Singleton
public class DeadLetterTopics {
    /** Dead-letter topic to original topic, in the configured order. */
    private final Map<String, String> originals = new LinkedHashMap<>();

    public DeadLetterTopics(@ConfigProperty(name = "vigil.report.dead-letters.topics") List<String> topics) {
        for (String topic : topics) {
            if (!topic.isBlank()) {
                originals.put(Topics.deadLetter(topic.trim()), topic.trim());
            }
        }
        if (originals.isEmpty()) {
            throw new IllegalArgumentException("vigil.report.dead-letters.topics names no topic");
        }
    }

    public List<String> deadLetterTopics() {
        return List.copyOf(originals.keySet());
    }

    public List<String> originalTopics() {
        return List.copyOf(originals.values());
    }

    /** The topic a dead letter of this dead-letter topic is replayed to; empty for any other topic. */
    public Optional<String> originalOf(String deadLetterTopic) {
        return Optional.ofNullable(originals.get(deadLetterTopic));
    }

    /**
     * The original topic a filter names, given either as the topic ({@code vigil.evidence.v1}) or as its dead-letter
     * topic ({@code vigil.evidence.v1.dlq}).
     *
     * @throws InvalidDeadLetterRequest naming the known topics
     */
    public String resolve(String name) {
        String n = name.trim();
        if (originals.containsValue(n)) {
            return n;
        }
        return originalOf(n).orElseThrow(() -> new InvalidDeadLetterRequest("unknown topic '" + n
                + "': dead letters are kept for " + originalTopics() + " (vigil.report.dead-letters.topics)"));
    }
}
