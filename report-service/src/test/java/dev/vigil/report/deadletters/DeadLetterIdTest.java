package dev.vigil.report.deadletters;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterIdTest {
    @Test
    void anIdIsTheDeadLetterTopicPartitionAndOffset() {
        DeadLetterId id = DeadLetterId.parse("vigil.evidence.v1.dlq/2/170").orElseThrow();
        assertThat(id).isEqualTo(new DeadLetterId("vigil.evidence.v1.dlq", 2, 170));
        assertThat(id.toString()).isEqualTo("vigil.evidence.v1.dlq/2/170");
        assertThat(DeadLetterId.parse(" " + id + " ")).contains(id);
    }

    @Test
    void anythingElseIsNotAnId() {
        for (String text : new String[]{null, "", "vigil.evidence.v1.dlq", "vigil.evidence.v1.dlq/0",
                "vigil.evidence.v1.dlq/0/1/2", "/0/1", "t/x/1", "t/0/y", "t/-1/0", "t/0/-5", "t/0/1.5",
                "t/99999999999/0"}) {
            assertThat(DeadLetterId.parse(text)).as(text).isEmpty();
        }
    }
}
