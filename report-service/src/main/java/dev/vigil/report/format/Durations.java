package dev.vigil.report.format;


import java.time.Duration;

/** Durations as people write them: {@code 2m}, {@code 1h 5m}, {@code 40s}, {@code 250ms}. */
public final class Durations {
    private Durations() {
    }

    public static String human(Duration d) {
        if (d.isNegative()) {
            return "-" + human(d.negated());
        }
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            return d.toMillis() + "ms";
        }
        StringBuilder s = new StringBuilder();
        append(s, d.toDaysPart(), "d");
        append(s, d.toHoursPart(), "h");
        append(s, d.toMinutesPart(), "m");
        append(s, d.toSecondsPart(), "s");
        return s.toString();
    }

    private static void append(StringBuilder s, long n, String unit) {
        if (n > 0) {
            s.append(s.isEmpty() ? "" : " ").append(n).append(unit);
        }
    }
}
