package dev.vigil.evaluator.ingest;

import dev.vigil.common.evidence.MalformedEventException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryingTest {
    @Test
    void aPassingFailureIsRetriedUntilItSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        String result = Retrying.withBackoff("work", 3, Duration.ofMillis(1), Duration.ofMillis(2), () -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException(new SQLException("connection refused", "08001"));
            }
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(calls).hasValue(3);
    }

    @Test
    void attemptsRunOutWithTheRootCauseInTheMessage() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> Retrying.withBackoff("storing x", 2, Duration.ofMillis(1), Duration.ofMillis(1), () -> {
            calls.incrementAndGet();
            throw new IllegalStateException(new SQLException("connection refused", "08001"));
        })).hasMessage("storing x failed after 2 attempts: SQLException: connection refused");
        assertThat(calls).hasValue(2);
    }

    @Test
    void dataTheDatabaseRefusesAndMalformedRecordsAreNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> Retrying.withBackoff("storing y", 5, Duration.ofMillis(1), Duration.ofMillis(1), () -> {
            calls.incrementAndGet();
            throw new IllegalStateException(new SQLException("unsupported Unicode escape sequence", "22P05"));
        })).hasMessage("storing y failed: SQLException: unsupported Unicode escape sequence");
        assertThat(calls).hasValue(1);

        assertThatThrownBy(() -> Retrying.withBackoff("decoding", 5, Duration.ofMillis(1), Duration.ofMillis(1), () -> {
            calls.incrementAndGet();
            throw new MalformedEventException("not JSON");
        })).isInstanceOf(MalformedEventException.class);
        assertThat(calls).hasValue(2);
    }
}
