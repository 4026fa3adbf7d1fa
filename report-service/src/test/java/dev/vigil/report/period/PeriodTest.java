package dev.vigil.report.period;

import dev.vigil.report.history.StatusInterval;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeriodTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void withoutParametersThePeriodIsTheLastThirtyDays() {
        assertThat(Period.parse(null, " ", NOW)).isEqualTo(new Period(NOW.minus(Duration.ofDays(30)), NOW));
        assertThat(Period.parse(null, "2026-11-01T00:00:00Z", NOW))
                .isEqualTo(new Period(Instant.parse("2026-10-02T00:00:00Z"), Instant.parse("2026-11-01T00:00:00Z")));
    }

    @Test
    void aPeriodReachingIntoTheFutureEndsNow() {
        assertThat(Period.parse("2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z", NOW).to()).isEqualTo(NOW);
    }

    @Test
    void unreadableOrEmptyPeriodsAreRejectedWithTheReason() {
        assertThatThrownBy(() -> Period.parse("yesterday", null, NOW))
                .isInstanceOf(Period.InvalidPeriodException.class).hasMessageContainingAll("'from'", "yesterday");
        assertThatThrownBy(() -> Period.parse("2026-11-10T00:00:00Z", "2026-11-01T00:00:00Z", NOW))
                .isInstanceOf(Period.InvalidPeriodException.class).hasMessageContaining("start before it ends");
        assertThatThrownBy(() -> Period.parse("2026-12-01T00:00:00Z", null, NOW))
                .isInstanceOf(Period.InvalidPeriodException.class).hasMessageContaining("before now");
    }

    @Test
    void historyIsCutToTheWindowAndMarksWhatHadNotEndedByItsEnd() {
        Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
        Period window = new Period(t0, t0.plus(Duration.ofHours(10)));
        List<StatusInterval> history = List.of(
                new StatusInterval("CM-11", "PASS", t0.minus(Duration.ofHours(5)), t0.plus(Duration.ofHours(2)), 3,
                        List.of(), null),
                new StatusInterval("CM-11", "FAIL", t0.plus(Duration.ofHours(2)), t0.plus(Duration.ofHours(12)), 3,
                        List.of(), null),
                new StatusInterval("CM-11", "PASS", t0.plus(Duration.ofHours(12)), null, 3, List.of(), null));

        ControlHistory h = ControlHistory.of("CM-11", history, window);

        // The last interval starts after the window: not shown. The FAIL runs past the window's end: ongoing.
        assertThat(h.intervals()).containsExactly(
                new ControlHistory.Entry("PASS", t0, t0.plus(Duration.ofHours(2)), 7200, false, 3, 0, List.of(), null),
                new ControlHistory.Entry("FAIL", t0.plus(Duration.ofHours(2)), window.to(), 28800, true, 3, 0, List.of(),
                        null));
    }
}
