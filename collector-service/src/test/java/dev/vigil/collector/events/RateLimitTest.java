package dev.vigil.collector.events;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitTest {
    static final long SECOND = 1_000_000_000L;

    @Test
    void theBurstPassesThenTheAverageRate() {
        RateLimit limit = new RateLimit(2, 3, 0);
        assertThat(limit.tryTake(0)).isTrue();
        assertThat(limit.tryTake(0)).isTrue();
        assertThat(limit.tryTake(0)).isTrue();
        assertThat(limit.tryTake(0)).isFalse();
        // two a second: half a second later one more
        assertThat(limit.tryTake(SECOND / 2)).isTrue();
        assertThat(limit.tryTake(SECOND / 2)).isFalse();
        // a long quiet time refills the burst, never more
        assertThat(limit.tryTake(100 * SECOND)).isTrue();
        assertThat(limit.tryTake(100 * SECOND)).isTrue();
        assertThat(limit.tryTake(100 * SECOND)).isTrue();
        assertThat(limit.tryTake(100 * SECOND)).isFalse();
    }
}
