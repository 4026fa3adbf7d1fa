package dev.vigil.report.board;

import dev.vigil.common.evidence.Times;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static dev.vigil.report.board.ProjectionRule.Precedence.NEWER;
import static dev.vigil.report.board.ProjectionRule.Precedence.STALE_EVALUATION;
import static dev.vigil.report.board.ProjectionRule.Precedence.STALE_VERSION;
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

    @Test
    void withVersionsOnBothSidesTheHigherVersionWinsWhateverTheEvaluationTimes() {
        assertThat(ProjectionRule.compare(8L, STORED.minusSeconds(60), 7L, STORED)).isEqualTo(NEWER);
        assertThat(ProjectionRule.compare(6L, STORED.plusSeconds(60), 7L, STORED)).isEqualTo(STALE_VERSION);
    }

    @Test
    void theSameVersionAgainWinsOnlyIfEvaluatedLaterAsWhenTheFirstRecordFailedAfterPublishing() {
        assertThat(ProjectionRule.compare(7L, STORED.plusSeconds(1), 7L, STORED)).isEqualTo(NEWER);
        assertThat(ProjectionRule.compare(7L, STORED, 7L, STORED)).isEqualTo(STALE_VERSION); // a redelivery
        assertThat(ProjectionRule.compare(7L, STORED.minusSeconds(1), 7L, STORED)).isEqualTo(STALE_VERSION);
    }

    @Test
    void withoutAVersionOnEitherSideEvaluationTimeDecides() {
        assertThat(ProjectionRule.compare(null, STORED.plusSeconds(1), 7L, STORED)).isEqualTo(NEWER);
        assertThat(ProjectionRule.compare(null, STORED, 7L, STORED)).isEqualTo(STALE_EVALUATION);
        assertThat(ProjectionRule.compare(3L, STORED.plusSeconds(1), null, STORED)).isEqualTo(NEWER);
        assertThat(ProjectionRule.compare(3L, STORED.minusSeconds(1), null, STORED)).isEqualTo(STALE_EVALUATION);
        assertThat(ProjectionRule.compare(null, STORED.minusSeconds(1), null, STORED)).isEqualTo(STALE_EVALUATION);
    }

    @Test
    void theFirstStatusOfAControlAlwaysApplies() {
        assertThat(ProjectionRule.compare(1L, STORED, null, null)).isEqualTo(NEWER);
        assertThat(ProjectionRule.compare(null, STORED, null, null)).isEqualTo(NEWER);
    }
}
