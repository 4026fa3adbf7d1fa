package dev.vigil.report.period;

import dev.vigil.report.period.Period;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The period a bundle request names. A date is a whole UTC day: {@code from=2026-01-01&to=2026-03-31} covers the
 * first quarter, both days included; an instant is taken as is ({@code to} exclusive). A period reaching past now
 * ends now: nothing observed later can be in it.
 */
public final class BundlePeriods {
    private BundlePeriods() {
    }

    public static Period parse(String from, String to, Instant now, Duration maxLength) {
        if (blank(from) || blank(to)) {
            throw new Period.InvalidPeriodException("a bundle needs both 'from' and 'to', as dates (2026-01-01) or "
                    + "ISO-8601 instants (2026-01-01T00:00:00Z)");
        }
        Instant start = time("from", from.strip(), false);
        Instant end = time("to", to.strip(), true);
        if (end.isAfter(now)) {
            end = now;
        }
        if (!start.isBefore(end)) {
            throw new Period.InvalidPeriodException("the period must start before it ends and before now (" + now
                    + "): from " + start + ", to " + end);
        }
        if (Duration.between(start, end).compareTo(maxLength) > 0) {
            throw new Period.InvalidPeriodException("a bundle covers at most " + maxLength.toDays() + " days; split "
                    + "the period (from " + start + ", to " + end + ")");
        }
        return new Period(start, end);
    }

    /** A date (the start of that UTC day, or with {@code endOfDay} the start of the next) or an instant. */
    public static Instant time(String field, String value, boolean endOfDay) {
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new Period.InvalidPeriodException("'" + field + "' must be a date such as 2026-01-01 or an ISO-8601 "
                    + "instant such as 2026-01-01T00:00:00Z, not '" + value + "'");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
