package dev.vigil.report.dashboard;

import dev.vigil.report.history.StatusInterval;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrendTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private static StatusInterval interval(String id, String status, String from, String to) {
        return new StatusInterval(id, status, Instant.parse(from), to == null ? null : Instant.parse(to), 1,
                List.of(), null);
    }

    @Test
    void eachDayIsScoredAsItStoodAtItsEndAndTodayAsItStandsNow() {
        Map<String, List<StatusInterval>> history = Map.of(
                // Passes from the 20th noon, fails from the 22nd 23:00, passes again today at 09:00.
                "A", List.of(interval("A", "PASS", "2026-11-20T12:00:00Z", "2026-11-22T23:00:00Z"),
                        interval("A", "FAIL", "2026-11-22T23:00:00Z", "2026-11-23T09:00:00Z"),
                        interval("A", "PASS", "2026-11-23T09:00:00Z", null)),
                // Passes from the 21st; out of scope from the 22nd.
                "B", List.of(interval("B", "PASS", "2026-11-21T00:00:00Z", "2026-11-22T00:00:00Z"),
                        interval("B", "NOT_APPLICABLE", "2026-11-22T00:00:00Z", null)));
        // C never reported: it counts every day and never passes.
        List<Trend.Point> points = Trend.daily(List.of("A", "B", "C"), history, 5, NOW);

        assertThat(points).extracting(Trend.Point::day).containsExactly(LocalDate.parse("2026-11-19"),
                LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-21"), LocalDate.parse("2026-11-22"),
                LocalDate.parse("2026-11-23"));
        assertThat(points).extracting(p -> p.score().passing() + "/" + p.score().counted())
                .containsExactly("0/3", "1/3", "2/3", "0/2", "1/2");
        assertThat(points.get(0).at()).isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
        assertThat(points.get(4).at()).isEqualTo(NOW);
    }

    @Test
    void theStatusHeldJustBeforeTheInstantCounts() {
        List<StatusInterval> a = List.of(interval("A", "PASS", "2026-11-22T10:00:00Z", "2026-11-23T00:00:00Z"),
                interval("A", "FAIL", "2026-11-23T00:00:00Z", null));

        // At midnight the day that ends is scored: PASS held until then, FAIL starts the next day.
        assertThat(Trend.statusAt(a, Instant.parse("2026-11-23T00:00:00Z"))).isEqualTo("PASS");
        assertThat(Trend.statusAt(a, Instant.parse("2026-11-23T00:00:01Z"))).isEqualTo("FAIL");
        assertThat(Trend.statusAt(a, Instant.parse("2026-11-22T10:00:00Z"))).isEqualTo("NO_EVIDENCE");
    }

    @Test
    void atLeastOneDay() {
        assertThatThrownBy(() -> Trend.daily(List.of("A"), Map.of(), 0, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
