package dev.vigil.collector.http;

import dev.vigil.common.retry.BackoffSchedule;

import java.time.Duration;

/**
 * How often a provider call is tried ({@code maxAttempts}) and how long it waits in between: Vigil's one
 * {@link BackoffSchedule}, where a provider's own hint (Retry-After, a rate-limit reset) is honoured when it asks for
 * longer, up to the same cap.
 */
public record RetryPolicy(int maxAttempts, BackoffSchedule backoff) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    public RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        this(maxAttempts, new BackoffSchedule(initialBackoff, maxBackoff));
    }

    /** The longest wait between two attempts, a provider's hint included. */
    public Duration maxBackoff() {
        return backoff.max();
    }

    /** Wait before attempt {@code failedAttempt + 1}. */
    public Duration delay(int failedAttempt, Duration hint) {
        return backoff.delay(failedAttempt, hint);
    }
}
