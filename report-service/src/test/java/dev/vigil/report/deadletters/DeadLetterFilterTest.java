package dev.vigil.report.deadletters;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeadLetterFilterTest {
    static final DeadLetterTopics TOPICS = new DeadLetterTopics(
            List.of("vigil.evidence.v1", "vigil.collection-runs.v1", " vigil.control-status.v1 ", ""));

    @Test
    void aFilterSelectsByTopicAndByAnyPartOfTheReasonIgnoringCase() {
        DeadLetter unsigned = deadLetter("vigil.evidence.v1", "UNSIGNED: no vigil-signature header");
        DeadLetter notJson = deadLetter("vigil.control-status.v1", "event is not JSON: Unexpected character");
        DeadLetter noReason = deadLetter("vigil.evidence.v1", null);

        assertThat(List.of(unsigned, notJson, noReason)).filteredOn(DeadLetterFilter.ALL::matches).hasSize(3);
        assertThat(List.of(unsigned, notJson, noReason)).filteredOn(new DeadLetterFilter("vigil.evidence.v1", " ")::matches)
                .containsExactly(unsigned, noReason);
        assertThat(List.of(unsigned, notJson, noReason)).filteredOn(new DeadLetterFilter(null, "not json")::matches)
                .containsExactly(notJson);
        assertThat(List.of(unsigned, notJson, noReason))
                .filteredOn(new DeadLetterFilter("vigil.control-status.v1", "unsigned")::matches).isEmpty();
        assertThat(new DeadLetterFilter("", "  ").selectsEverything()).isTrue();
    }

    @Test
    void aTopicIsNamedAsItselfOrAsItsDeadLetterTopic() {
        assertThat(TOPICS.deadLetterTopics()).containsExactly("vigil.evidence.v1.dlq", "vigil.collection-runs.v1.dlq",
                "vigil.control-status.v1.dlq");
        assertThat(TOPICS.resolve("vigil.evidence.v1")).isEqualTo("vigil.evidence.v1");
        assertThat(TOPICS.resolve(" vigil.control-status.v1.dlq")).isEqualTo("vigil.control-status.v1");
        assertThat(TOPICS.originalOf("vigil.collection-runs.v1.dlq")).contains("vigil.collection-runs.v1");
        assertThat(TOPICS.originalOf("vigil.evidence.v1")).isEmpty(); // not a dead-letter topic: nothing to replay
        assertThatThrownBy(() -> TOPICS.resolve("vigil.secrets"))
                .isInstanceOf(InvalidDeadLetterRequest.class)
                .hasMessageContaining("unknown topic 'vigil.secrets'")
                .hasMessageContaining("[vigil.evidence.v1, vigil.collection-runs.v1, vigil.control-status.v1]");
        assertThatThrownBy(() -> new DeadLetterTopics(List.of(" "))).hasMessageContaining("names no topic");
    }

    static DeadLetter deadLetter(String topic, String reason) {
        return new DeadLetter(new DeadLetterId(topic + ".dlq", 0, 1), topic, 0, 1L, "k", reason, null,
                Instant.parse("2026-12-01T10:00:00Z"), 10, "{}", null);
    }
}
