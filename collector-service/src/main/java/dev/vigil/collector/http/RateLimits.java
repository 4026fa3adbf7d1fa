package dev.vigil.collector.http;

import dev.vigil.common.retry.RetryAfter;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * Tells rate limiting apart from a denied permission. GitHub answers 403 (or 429) with
 * {@code X-RateLimit-Remaining: 0} or a {@code Retry-After} when limited; Okta and AWS answer 429 with
 * {@code X-Rate-Limit-Reset} or {@code Retry-After}.
 */
public final class RateLimits {
    private RateLimits() {
    }

    public static boolean isRateLimited(int status, Function<String, String> header) {
        if (status == 429) {
            return true;
        }
        return status == 403 && ("0".equals(header.apply("X-RateLimit-Remaining")) || header.apply("Retry-After") != null);
    }

    /** As {@link #isRateLimited(int, Function)}, also recognising GitHub's secondary limit by its message. */
    public static boolean isRateLimited(int status, Function<String, String> header, String body) {
        return isRateLimited(status, header) || isSecondaryRateLimit(status, body);
    }

    /**
     * GitHub's secondary (abuse) rate limit: a 403 or 429 whose message says so, sometimes without any header.
     * GitHub asks to wait at least {@link #SECONDARY_LIMIT_WAIT} then, when it sends no {@code Retry-After}.
     */
    public static boolean isSecondaryRateLimit(int status, String body) {
        return (status == 403 || status == 429) && body != null
                && body.toLowerCase(java.util.Locale.ROOT).contains("secondary rate limit");
    }

    public static final Duration SECONDARY_LIMIT_WAIT = Duration.ofMinutes(1);

    /** The primary budget is spent ({@code X-RateLimit-Remaining: 0}): only the reset time helps. */
    public static boolean isExhausted(Function<String, String> header) {
        return "0".equals(header.apply("X-RateLimit-Remaining")) || "0".equals(header.apply("X-Rate-Limit-Remaining"));
    }

    public static boolean isRetryable(int status, Function<String, String> header) {
        return status >= 500 && status != 501 || isRateLimited(status, header);
    }

    /** How long the provider asks us to wait, or null when it does not say. */
    public static Duration hint(Function<String, String> header, Instant now) {
        Duration retryAfter = RetryAfter.parse(header.apply("Retry-After"), now);
        if (retryAfter != null) {
            return retryAfter;
        }
        for (String reset : new String[] {"X-RateLimit-Reset", "X-Rate-Limit-Reset"}) {
            String value = header.apply(reset);
            if (value != null && value.strip().matches("\\d+")) {
                Duration d = Duration.between(now, Instant.ofEpochSecond(Long.parseLong(value.strip())));
                return d.isNegative() ? Duration.ZERO : d;
            }
        }
        return null;
    }
}
