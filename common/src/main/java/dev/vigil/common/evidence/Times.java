package dev.vigil.common.evidence;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Event times have microsecond precision, the precision PostgreSQL keeps. Without this a replayed event,
 * carrying nanoseconds, would compare as newer than its own stored copy.
 */
public final class Times {
    private Times() {
    }

    public static Instant micros(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MICROS);
    }
}
