package dev.vigil.report.dashboard;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TrendChartTest {

    private static Trend.Point point(String day, int passing, int counted) {
        return new Trend.Point(LocalDate.parse(day), Instant.parse(day + "T23:59:59Z"),
                new Score(day, day, passing, counted));
    }

    @Test
    void pointsSpanThePlotAndADayWithNothingCountedBreaksTheLine() {
        // Plot: x from 44 to 708 (664 wide), y from 12 (100 %) to 192 (0 %).
        TrendChart chart = TrendChart.of(List.of(point("2026-11-01", 1, 2), point("2026-11-02", 0, 0),
                point("2026-11-03", 2, 2), point("2026-11-04", 0, 4), point("2026-11-05", 3, 4)));

        assertThat(chart.segments()).containsExactly("44.0,102.0", "376.0,12.0 542.0,192.0 708.0,57.0");
        assertThat(chart.dots()).extracting(TrendChart.Dot::label).containsExactly(
                "2026-11-01: 50 % passing (1 of 2)", "2026-11-03: 100 % passing (2 of 2)",
                "2026-11-04: 0 % passing (0 of 4)", "2026-11-05: 75 % passing (3 of 4)");
        assertThat(chart.xTicks()).containsExactly(new TrendChart.Tick("44.0", "2026-11-01", "start"),
                new TrendChart.Tick("708.0", "2026-11-05", "end"));
        assertThat(chart.yTicks()).extracting(TrendChart.Tick::position).containsExactly("192.0", "102.0", "12.0");
    }

    @Test
    void aSingleDayIsCentred() {
        TrendChart chart = TrendChart.of(List.of(point("2026-11-01", 1, 1)));

        assertThat(chart.segments()).containsExactly("376.0,12.0");
        assertThat(chart.xTicks()).containsExactly(new TrendChart.Tick("376.0", "2026-11-01", "middle"));
    }
}
