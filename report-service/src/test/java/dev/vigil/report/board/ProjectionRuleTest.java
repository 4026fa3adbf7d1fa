package dev.vigil.report.board;

import dev.vigil.common.evidence.Times;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectionRuleTest {
    private static final Instant STORED = Instant.parse("2026-11-22T10:00:00.123456Z");

    @Test
    void firstStatusAlwaysApplies() {
        assertThat(ProjectionRule.supersedes(STORED, null)).isTrue();
    }

    @Test
    void onlyAStrictlyNewerEvaluationReplacesTheStoredOne() {
        assertThat(ProjectionRule.supersedes(STORED.plusNanos(1_000), STORED)).isTrue();
        assertThat(ProjectionRule.supersedes(STORED, STORED)).isFalse();
        assertThat(ProjectionRule.supersedes(STORED.minusSeconds(1), STORED)).isFalse();
    }

    @Test
    void replayCarryingNanosecondsIsNotNewerThanItsStoredCopy() {
        Instant incoming = STORED.plusNanos(789);

        assertThat(ProjectionRule.supersedes(incoming, Times.micros(incoming))).isFalse();
    }
}
