package dev.vigil.report.dashboard;

import dev.vigil.report.history.StatusInterval;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The overall score day by day, from the status history. Each day is scored as it stood at its end (UTC), or
 * now for today: a control's status then is the interval that started before that instant and had not ended
 * before it, so an evaluation at midnight belongs to the day it starts. A control with no interval then had no
 * evidence: it counts, and does not pass.
 */
public final class Trend {
    private Trend() {
    }

    /** One day's score; {@code at} is the instant it was taken. */
    public record Point(LocalDate day, Instant at, Score score) {
    }

    /**
     * @param controlIds every control scored (the catalogue), whatever the history holds
     * @param history    intervals by control id, as {@code HistoryStore.overlappingAll} returns them
     * @param days       how many days, ending with the day of {@code now}
     */
    public static List<Point> daily(Collection<String> controlIds, Map<String, List<StatusInterval>> history,
                                    int days, Instant now) {
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, was " + days);
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<Point> points = new ArrayList<>(days);
        for (LocalDate day = today.minusDays(days - 1L); !day.isAfter(today); day = day.plusDays(1)) {
            Instant endOfDay = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant at = endOfDay.isAfter(now) ? now : endOfDay;
            List<String> statuses = controlIds.stream()
                    .map(id -> statusAt(history.getOrDefault(id, List.of()), at))
                    .toList();
            points.add(new Point(day, at, ScoreBoard.score(day.toString(), day.toString(), statuses)));
        }
        return List.copyOf(points);
    }

    /** The status held just before {@code at}: the interval with {@code from < at <= to} (open: no end). */
    static String statusAt(List<StatusInterval> intervals, Instant at) {
        for (StatusInterval i : intervals) {
            if (i.from().isBefore(at) && (i.to() == null || !i.to().isBefore(at))) {
                return i.status();
            }
        }
        return "NO_EVIDENCE";
    }
}
