package dev.vigil.evaluator.evaluation;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvaluationPaceTest {
    private static final long MS = 1_000_000;
    private static final Duration QUIET = Duration.ofSeconds(2);

    @Test
    void theFirstRunIsAlwaysDue() {
        assertThat(new EvaluationPace(0.25, Duration.ofSeconds(30), QUIET).due(123 * MS)).isTrue();
    }

    @Test
    void aRunTakingASecondPausesThreeAtAQuarterShare() {
        EvaluationPace pace = new EvaluationPace(0.25, Duration.ofSeconds(30), QUIET);
        pace.inputArrived(0);
        pace.ran(0, 1_000 * MS);
        pace.inputArrived(2_500 * MS);
        assertThat(pace.due(1_000 * MS)).isFalse();
        assertThat(pace.due(3_999 * MS)).isFalse();
        assertThat(pace.due(4_000 * MS)).isTrue();
    }

    @Test
    void aCheapRunIsHeldBackByItsCostOnlyWhichTheSchedulersIntervalExceeds() {
        EvaluationPace pace = new EvaluationPace(0.25, Duration.ofSeconds(30), QUIET);
        pace.ran(0, 20 * MS);
        assertThat(pace.due(80 * MS)).isTrue(); // the next 1 s tick is due
    }

    @Test
    void thePauseIsCappedSoDetectionStaysBounded() {
        EvaluationPace pace = new EvaluationPace(0.1, Duration.ofSeconds(30), QUIET);
        pace.ran(0, 60_000 * MS); // a minute's run would pause nine
        pace.inputArrived(89_000 * MS);
        assertThat(pace.due(89_999 * MS)).isFalse();
        assertThat(pace.due(90_000 * MS)).isTrue();
    }

    @Test
    void aShareOfOneNeverPauses() {
        EvaluationPace pace = new EvaluationPace(1, Duration.ofSeconds(30), QUIET);
        pace.ran(0, 5_000 * MS);
        assertThat(pace.due(5_000 * MS)).isTrue();
    }

    @Test
    void nanoTimeReadingsMayBeNegative() {
        EvaluationPace pace = new EvaluationPace(0.5, Duration.ofSeconds(30), QUIET);
        pace.ran(Long.MIN_VALUE + 10, Long.MIN_VALUE + 10 + 100 * MS);
        pace.inputArrived(Long.MIN_VALUE + 10 + 140 * MS);
        assertThat(pace.due(Long.MIN_VALUE + 10 + 150 * MS)).isFalse();
        assertThat(pace.due(Long.MIN_VALUE + 10 + 200 * MS)).isTrue();
    }

    @Test
    void whileInputKeepsArrivingThePauseHolds() {
        EvaluationPace pace = new EvaluationPace(0.25, Duration.ofSeconds(30), QUIET);
        pace.ran(0, 5_000 * MS); // pauses 15 s
        for (long t = 5_000; t < 20_000; t += 500) {
            pace.inputArrived(t * MS);
            assertThat(pace.due((t + 400) * MS)).as("at %d ms", t + 400).isFalse();
        }
        assertThat(pace.due(20_000 * MS)).isTrue();
    }

    @Test
    void onceInputStopsForTheQuietPeriodThePausedWorkIsDueAtOnce() {
        EvaluationPace pace = new EvaluationPace(0.25, Duration.ofSeconds(30), QUIET);
        pace.inputArrived(4_000 * MS);
        pace.ran(0, 10_000 * MS); // the last evidence of a collection arrived during a 10 s run: pauses 30 s
        pace.inputArrived(10_500 * MS);
        assertThat(pace.due(12_499 * MS)).isFalse();
        assertThat(pace.due(12_500 * MS)).isTrue(); // 2 s of quiet, not 30 s of pause
    }

    @Test
    void workThatNoInputPromptedIsNeverPaused() {
        EvaluationPace pace = new EvaluationPace(0.25, Duration.ofSeconds(30), QUIET);
        pace.ran(0, 10_000 * MS); // the start-up evaluation of every control, nothing arrived
        assertThat(pace.due(10_000 * MS)).isTrue();
    }

    @Test
    void aShareOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> new EvaluationPace(0, Duration.ofSeconds(1), QUIET)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EvaluationPace(1.5, Duration.ofSeconds(1), QUIET)).isInstanceOf(IllegalArgumentException.class);
    }
}
