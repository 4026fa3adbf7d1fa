package dev.vigil.collector.http;

import java.time.Duration;

/**
 * Exponential backoff: initial, 2x, 4x, ... capped at {@code maxBackoff}; a provider's own hint (Retry-After, a
 * rate-limit reset) is honoured when it asks for longer, up to the same cap.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** Wait before attempt {@code failedAttempt + 1}. */
    public Duration delay(int failedAttempt, Duration hint) {
        long exponential = initialBackoff.toMillis() << Math.min(failedAttempt - 1, 20);
        long wanted = hint != null ? Math.max(exponential, hint.toMillis()) : exponential;
        return Duration.ofMillis(Math.min(wanted, maxBackoff.toMillis()));
    }
}
