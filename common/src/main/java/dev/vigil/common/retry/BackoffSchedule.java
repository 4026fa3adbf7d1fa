package dev.vigil.common.retry;

import java.time.Duration;

/**
 * The one backoff schedule of Vigil: wait {@code initial} after the first failure, twice as long after each further
 * one, never more than {@code max}; a hint from the other side (a {@code Retry-After}, a rate-limit reset) is honoured
 * when it asks for longer, up to the same cap. Used by the provider calls' retries, the consumers' {@link Backoff} and
 * the Slack delivery policy, so that all three wait the same way.
 */
public record BackoffSchedule(Duration initial, Duration max) {

    public BackoffSchedule {
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 <= initial <= max, got initial " + initial
                    + " and max " + max);
        }
    }

    /** The wait after failed attempt number {@code failedAttempt} (from 1). */
    public Duration delay(int failedAttempt) {
        return delay(failedAttempt, null);
    }

    /** The wait after failed attempt number {@code failedAttempt} (from 1), at least {@code hint} when given. */
    public Duration delay(int failedAttempt, Duration hint) {
        // 2^20 times any sensible initial wait is past any sensible cap; the bound keeps the shift from overflowing
        long exponential = initial.toMillis() << Math.min(Math.max(failedAttempt, 1) - 1, 20);
        long wanted = hint != null ? Math.max(exponential, hint.toMillis()) : exponential;
        return Duration.ofMillis(Math.min(wanted, max.toMillis()));
    }
}
