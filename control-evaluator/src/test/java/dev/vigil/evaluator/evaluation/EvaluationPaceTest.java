package dev.vigil.evaluator.evaluation;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvaluationPaceTest {
    private static final long MS = 1_000_000;

    @Test
    void theFirstRunIsAlwaysDue() {
        assertThat(new EvaluationPace(0.25, Duration.ofSeconds(30)).due(123 * MS)).isTrue();
    }

    @Test
    void aRunTakingASecondPausesThreeAtAQuarterShare() {
        EvaluationPace pace = new EvaluationPace(0.25, Duration.ofSeconds(30));
        pace.ran(0, 1_000 * MS);
        assertThat(pace.due(1_000 * MS)).isFalse();
        assertThat(pace.due(3_999 * MS)).isFalse();
        assertThat(pace.due(4_000 * MS)).isTrue();
    }

    @Test
    void aCheapRunIsHeldBackByItsCostOnlyWhichTheSchedulersIntervalExceeds() {
        EvaluationPace pace = new EvaluationPace(0.25, Duration.ofSeconds(30));
        pace.ran(0, 20 * MS);
        assertThat(pace.due(80 * MS)).isTrue(); // the next 1 s tick is due
    }

    @Test
    void thePauseIsCappedSoDetectionStaysBounded() {
        EvaluationPace pace = new EvaluationPace(0.1, Duration.ofSeconds(30));
        pace.ran(0, 60_000 * MS); // a minute's run would pause nine
        assertThat(pace.due(89_999 * MS)).isFalse();
        assertThat(pace.due(90_000 * MS)).isTrue();
    }

    @Test
    void aShareOfOneNeverPauses() {
        EvaluationPace pace = new EvaluationPace(1, Duration.ofSeconds(30));
        pace.ran(0, 5_000 * MS);
        assertThat(pace.due(5_000 * MS)).isTrue();
    }

    @Test
    void nanoTimeReadingsMayBeNegative() {
        EvaluationPace pace = new EvaluationPace(0.5, Duration.ofSeconds(30));
        pace.ran(Long.MIN_VALUE + 10, Long.MIN_VALUE + 10 + 100 * MS);
        assertThat(pace.due(Long.MIN_VALUE + 10 + 150 * MS)).isFalse();
        assertThat(pace.due(Long.MIN_VALUE + 10 + 200 * MS)).isTrue();
    }

    @Test
    void aShareOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> new EvaluationPace(0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EvaluationPace(1.5, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
