package dev.vigil.collector.http;

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

    public static boolean isRetryable(int status, Function<String, String> header) {
        return status >= 500 && status != 501 || isRateLimited(status, header);
    }

    /** How long the provider asks us to wait, or null when it does not say. */
    public static Duration hint(Function<String, String> header, Instant now) {
        String retryAfter = header.apply("Retry-After");
        if (retryAfter != null && retryAfter.strip().matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(retryAfter.strip()));
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
