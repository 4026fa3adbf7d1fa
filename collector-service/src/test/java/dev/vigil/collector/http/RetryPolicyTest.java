package dev.vigil.collector.http;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(30));

    @Test
    void backsOffExponentiallyUpToTheCap() {
        assertThat(policy.delay(1, null)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.delay(2, null)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delay(4, null)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.delay(12, null)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void honoursALongerProviderHintWithinTheCap() {
        assertThat(policy.delay(1, Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
        assertThat(policy.delay(1, Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void readsRetryAfterAndRateLimitResetHints() {
        Instant now = Instant.ofEpochSecond(1_000_000);
        assertThat(RateLimits.hint(Map.of("Retry-After", "12")::get, now)).isEqualTo(Duration.ofSeconds(12));
        // RFC 9110 also allows an HTTP-date
        assertThat(RateLimits.hint(Map.of("Retry-After", "Mon, 12 Jan 1970 13:47:10 GMT")::get, now))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(RateLimits.hint(Map.of("X-Rate-Limit-Reset", "1000060")::get, now)).isEqualTo(Duration.ofMinutes(1));
        assertThat(RateLimits.hint(Map.<String, String>of()::get, now)).isNull();
    }

    @Test
    void tellsRateLimitingFromDeniedPermission() {
        assertThat(RateLimits.isRateLimited(403, Map.of("X-RateLimit-Remaining", "0")::get)).isTrue();
        assertThat(RateLimits.isRateLimited(403, Map.of("X-RateLimit-Remaining", "12")::get)).isFalse();
        assertThat(RateLimits.isRateLimited(429, Map.<String, String>of()::get)).isTrue();
        assertThat(RateLimits.isRetryable(503, Map.<String, String>of()::get)).isTrue();
        assertThat(RateLimits.isRetryable(401, Map.<String, String>of()::get)).isFalse();
    }
}
