package dev.vigil.report.period;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.vigil.common.evidence.FailingResource;
import dev.vigil.report.history.StatusInterval;
import dev.vigil.report.history.Statuses;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How one control operated over a period, as a SOC 2 Type II examination asks: the share of the period it was
 * shown to PASS, the time in each status, every exception (a FAIL interval) and every gap (time nobody could
 * tell: STALE, DOCUMENT_MISSING, NO_EVIDENCE, NOT_EVALUATED). Time before the control's first recorded status is a
 * NO_EVIDENCE gap: not knowing is never counted as passing. Intervals are cut to the period; one that had not ended
 * by the period's end is marked ongoing.
 */
@JsonPropertyOrder({"controlId", "from", "to", "periodSeconds", "passShare", "secondsInStatus", "exceptions", "gaps"})
public record PeriodSummary(
        String controlId,
        Instant from,
        Instant to,
        double periodSeconds,
        double passShare,
        Map<String, Double> secondsInStatus,
        List<ExceptionInterval> exceptions,
        List<Gap> gaps) {

    static final String NOTHING_RECORDED = "No status was recorded for this control in this period.";

    /**
     * A time the control failed, with what failed: {@code failingResourceCount} resources, of which
     * {@code failingResources} lists the first (a period bundle's status-history.json lists them all).
     */
    @JsonPropertyOrder({"from", "to", "durationSeconds", "ongoing", "failingResourceCount", "failingResources",
            "reason"})
    public record ExceptionInterval(Instant from, Instant to, double durationSeconds, boolean ongoing,
                                    int failingResourceCount, List<FailingResource> failingResources, String reason) {
    }

    /** A time nobody could tell whether the control operated, and why. */
    @JsonPropertyOrder({"status", "from", "to", "durationSeconds", "ongoing", "reason"})
    public record Gap(String status, Instant from, Instant to, double durationSeconds, boolean ongoing, String reason) {
    }

    /**
     * @param intervals the control's intervals (those outside the period are ignored); a history is a chain, but
     *                  a hole in it, like the time before the first status, is counted as a NO_EVIDENCE gap and an
     *                  overlap is counted once
     */
    public static PeriodSummary of(String controlId, Collection<StatusInterval> intervals, Period period) {
        Map<String, Duration> time = new TreeMap<>();
        List<ExceptionInterval> exceptions = new ArrayList<>();
        List<Gap> gaps = new ArrayList<>();
        List<Period.Clipped> seen = intervals.stream()
                .sorted(Comparator.comparing(StatusInterval::from))
                .flatMap(i -> period.clip(i).stream())
                .toList();

        Instant cursor = period.from();
        for (Period.Clipped c : seen) {
            Instant start = c.from().isAfter(cursor) ? c.from() : cursor;
            if (!start.isBefore(c.to())) {
                continue;
            }
            if (start.isAfter(cursor)) {
                unknown(cursor, start, false, holeReason(cursor, start, period), time, gaps);
            }
            Duration d = Duration.between(start, c.to());
            StatusInterval i = c.interval();
            time.merge(i.status(), d, Duration::plus);
            if (Statuses.FAIL.equals(i.status())) {
                exceptions.add(new ExceptionInterval(start, c.to(), Period.seconds(d), c.ongoing(),
                        i.failingResourceCount(), i.failingResources(), i.reason()));
            } else if (Statuses.isGap(i.status())) {
                gaps.add(new Gap(i.status(), start, c.to(), Period.seconds(d), c.ongoing(), i.reason()));
            }
            cursor = c.to();
        }
        if (cursor.isBefore(period.to())) {
            unknown(cursor, period.to(), true,
                    seen.isEmpty() ? NOTHING_RECORDED : holeReason(cursor, period.to(), period), time, gaps);
        }

        Map<String, Double> seconds = new TreeMap<>();
        time.forEach((status, d) -> seconds.put(status, Period.seconds(d)));
        Duration pass = time.getOrDefault(Statuses.PASS, Duration.ZERO);
        return new PeriodSummary(controlId, period.from(), period.to(), Period.seconds(period.length()),
                share(pass, period.length()), seconds, List.copyOf(exceptions), List.copyOf(gaps));
    }

    /** Exact to the nanosecond: both durations are whole nanoseconds, and a period is far below 2^63 of them. */
    static double share(Duration part, Duration whole) {
        return (double) part.toNanos() / whole.toNanos();
    }

    private static void unknown(Instant from, Instant to, boolean ongoing, String reason, Map<String, Duration> time,
                                List<Gap> gaps) {
        Duration d = Duration.between(from, to);
        time.merge(Statuses.NO_EVIDENCE, d, Duration::plus);
        gaps.add(new Gap(Statuses.NO_EVIDENCE, from, to, Period.seconds(d), ongoing, reason));
    }

    private static String holeReason(Instant from, Instant to, Period period) {
        return from.equals(period.from())
                ? "No status was recorded for this control before " + to + "."
                : "No status was recorded for this control between " + from + " and " + to + ".";
    }
}
