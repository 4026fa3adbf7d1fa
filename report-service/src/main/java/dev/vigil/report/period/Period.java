package dev.vigil.report.period;

import dev.vigil.report.history.StatusInterval;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/** A half-open period [from, to) over which a control's history is examined. */
public record Period(Instant from, Instant to) {
    public static final Duration DEFAULT_LENGTH = Duration.ofDays(30);

    public Period {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new InvalidPeriodException("the period must start before it ends: from " + from + ", to " + to);
        }
    }

    /**
     * Reads the {@code from} and {@code to} query parameters (ISO-8601 instants, e.g. 2026-11-01T00:00:00Z). Left
     * out, {@code to} is now and {@code from} is 30 days before {@code to}. A period reaching past now ends now:
     * nothing is known about the future, and an open interval must not be counted into it.
     *
     * @throws InvalidPeriodException for an unreadable instant, or a period that does not start before now
     */
    public static Period parse(String from, String to, Instant now) {
        Instant end = blank(to) ? now : instant("to", to);
        Instant start = blank(from) ? end.minus(DEFAULT_LENGTH) : instant("from", from);
        if (end.isAfter(now)) {
            end = now;
        }
        if (!start.isBefore(end)) {
            throw new InvalidPeriodException("the period must start before it ends and before now (" + now
                    + "): from " + start + ", to " + end);
        }
        return new Period(start, end);
    }

    public Duration length() {
        return Duration.between(from, to);
    }

    /**
     * The part of an interval inside this period, or empty if they do not overlap. An interval still open, or
     * ending after the period, is cut at the period's end and marked ongoing.
     */
    public Optional<Clipped> clip(StatusInterval i) {
        Instant start = i.from().isAfter(from) ? i.from() : from;
        Instant end = i.to() == null || i.to().isAfter(to) ? to : i.to();
        if (!start.isBefore(end)) {
            return Optional.empty();
        }
        return Optional.of(new Clipped(i, start, end, i.to() == null || i.to().isAfter(to)));
    }

    /** An interval as seen through a period. */
    public record Clipped(StatusInterval interval, Instant from, Instant to, boolean ongoing) {
        public Duration duration() {
            return Duration.between(from, to);
        }
    }

    /** Seconds with microsecond precision, as the API reports durations. */
    public static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidPeriodException("'" + name + "' must be an ISO-8601 instant such as 2026-11-01T00:00:00Z, "
                    + "not '" + value + "'");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** A period the caller asked for that cannot be examined; the message says why. */
    public static class InvalidPeriodException extends IllegalArgumentException {
        public InvalidPeriodException(String message) {
            super(message);
        }
    }
}
