package dev.vigil.report.dashboard;

import dev.vigil.report.period.ControlHistory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A control's history in a window as a horizontal bar: one segment per status interval, placed and sized in
 * percent of the window. Time before the first recorded status is a NO_EVIDENCE segment, as the period summary
 * counts it, so the bar always covers the whole window.
 */
public record HistoryBar(Instant from, Instant to, List<Segment> segments) {

    /** {@code left} and {@code width} are CSS percentages ("12.5"). */
    public record Segment(String status, Instant from, Instant to, boolean ongoing, String left, String width) {
    }

    public static HistoryBar of(ControlHistory history) {
        Instant from = history.from();
        Instant to = history.to();
        double total = Duration.between(from, to).toMillis();
        List<Segment> segments = new ArrayList<>();
        Instant cursor = from;
        for (ControlHistory.Entry e : history.intervals()) {
            if (e.from().isAfter(cursor)) {
                segments.add(segment("NO_EVIDENCE", cursor, e.from(), false, from, total));
            }
            segments.add(segment(e.status(), e.from(), e.to(), e.ongoing(), from, total));
            cursor = e.to();
        }
        if (cursor.isBefore(to)) {
            segments.add(segment("NO_EVIDENCE", cursor, to, true, from, total));
        }
        return new HistoryBar(from, to, List.copyOf(segments));
    }

    private static Segment segment(String status, Instant start, Instant end, boolean ongoing, Instant origin,
                                   double total) {
        double left = total <= 0 ? 0 : Duration.between(origin, start).toMillis() * 100 / total;
        double width = total <= 0 ? 0 : Duration.between(start, end).toMillis() * 100 / total;
        return new Segment(status, start, end, ongoing, pct(left), pct(width));
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
