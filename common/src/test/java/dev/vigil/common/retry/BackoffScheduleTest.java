package dev.vigil.common.retry;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffScheduleTest {
    private final BackoffSchedule schedule = new BackoffSchedule(Duration.ofMillis(500), Duration.ofSeconds(30));

    @Test
    void doublesFromTheFirstWaitUpToTheCap() {
        assertThat(schedule.delay(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(schedule.delay(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(schedule.delay(4)).isEqualTo(Duration.ofSeconds(4));
        assertThat(schedule.delay(12)).isEqualTo(Duration.ofSeconds(30));
        assertThat(schedule.delay(10_000)).isEqualTo(Duration.ofSeconds(30)); // no overflow however long it goes on
    }

    @Test
    void honoursALongerHintWithinTheCap() {
        assertThat(schedule.delay(1, Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
        assertThat(schedule.delay(4, Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(4));
        assertThat(schedule.delay(1, Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void refusesACapBelowTheFirstWait() {
        assertThatThrownBy(() -> new BackoffSchedule(Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .hasMessageContaining("0 <= initial <= max");
        assertThat(new BackoffSchedule(Duration.ZERO, Duration.ZERO).delay(3)).isZero();
    }

    @Test
    void readsRetryAfterAsSecondsOrAnHttpDate() {
        Instant now = Instant.parse("2026-12-03T10:00:00Z");
        assertThat(RetryAfter.parse("120", now)).isEqualTo(Duration.ofMinutes(2));
        assertThat(RetryAfter.parse(" 0 ", now)).isZero();
        assertThat(RetryAfter.parse("Thu, 03 Dec 2026 10:00:30 GMT", now)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Thu, 03 Dec 2026 09:00:00 GMT", now)).isZero(); // in the past: at once
        assertThat(RetryAfter.parse("soon", now)).isNull();
        assertThat(RetryAfter.parse("-5", now)).isNull();
        assertThat(RetryAfter.parse("99999999999999999999999", now)).isNull();
        assertThat(RetryAfter.parse(null, now)).isNull();
        assertThat(RetryAfter.parse("", now)).isNull();
    }
}
