package dev.vigil.common.retry;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {
    final List<Duration> slept = new ArrayList<>();
    final AtomicBoolean stopping = new AtomicBoolean();
    final Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30), stopping::get, slept::add);

    @Test
    void anOutageIsWaitedOutWithCappedDoublingDelays() {
        AtomicInteger calls = new AtomicInteger();
        String result = backoff.untilDone("storing a poll", () -> {
            if (calls.incrementAndGet() <= 10) {
                // what Hibernate throws while PostgreSQL restarts: the driver's connection failure inside
                throw new IllegalStateException("could not prepare statement",
                        new SQLException("Connection to 127.0.0.1:5432 refused.", "08001", new ConnectException("refused")));
            }
            return "stored";
        });
        assertThat(result).isEqualTo("stored");
        assertThat(slept).extracting(Duration::toMillis)
                .containsExactly(200L, 400L, 800L, 1600L, 3200L, 6400L, 12800L, 25600L, 30000L, 30000L);
    }

    @Test
    void aPermanentFailureIsThrownAtOnceUnchanged() {
        IllegalStateException refused = new IllegalStateException("insert failed",
                new SQLException("duplicate key value violates unique constraint", "23505"));
        assertThatThrownBy(() -> backoff.untilDone("storing", () -> {
            throw refused;
        })).isSameAs(refused);
        assertThat(slept).isEmpty();
    }

    @Test
    void whatIsTransientIsRecognisedFromTheCauseChain() {
        assertThat(Backoff.isTransient(new SQLException("the database system is starting up", "57P03"))).isTrue();
        assertThat(Backoff.isTransient(new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
        assertThat(Backoff.isTransient(new SQLException("too many connections", "53300"))).isTrue();
        assertThat(Backoff.isTransient(new SQLException("could not serialize access", "40001"))).isTrue();
        assertThat(Backoff.isTransient(new RuntimeException(new SQLException(
                "Acquisition timeout while waiting for new connection", null, new java.util.concurrent.TimeoutException())))).isTrue();
        assertThat(Backoff.isTransient(new java.io.UncheckedIOException(new java.net.SocketTimeoutException("read timed out")))).isTrue();
        assertThat(Backoff.isTransient(new org.apache.kafka.common.errors.TimeoutException("expiring 1 record"))).isTrue();

        assertThat(Backoff.isTransient(new SQLException("value too long for type character varying(64)", "22001"))).isFalse();
        assertThat(Backoff.isTransient(new SQLException("relation does not exist", "42P01"))).isFalse();
        assertThat(Backoff.isTransient(new NullPointerException())).isFalse();
        assertThat(Backoff.isTransient(new IllegalArgumentException("unknown control XX-99"))).isFalse();
        // the database answered with a data error, even if something above mentions a socket
        assertThat(Backoff.isTransient(new RuntimeException(new SQLException("numeric field overflow", "22003",
                new java.net.SocketException("irrelevant"))))).isFalse();
    }

    @Test
    void whatTheServiceStoppingLooksLikeFromInsideIsTransient() {
        assertThat(Backoff.isTransient(new IllegalStateException("EntityManagerFactory is closed"))).isTrue();
        assertThat(Backoff.isTransient(new RuntimeException(new SQLException(
                "This pool is closed and does not handle any more connections!")))).isTrue();
        assertThat(Backoff.isTransient(new RuntimeException(new InterruptedException()))).isTrue();
        assertThat(Backoff.isTransient(new IllegalStateException("Session/EntityManager is closed"))).isFalse();
    }

    @Test
    void onceTheServiceStopsAFailureEndsTheWorkWithoutJudgingIt() {
        stopping.set(true);
        IllegalStateException closed = new IllegalStateException("EntityManagerFactory is closed");
        assertThatThrownBy(() -> backoff.untilDone("storing a poll", () -> {
            throw closed;
        })).isInstanceOf(ServiceStoppingException.class).hasCause(closed)
                .hasMessageContaining("storing a poll given up: the service is stopping");
        // not even a failure that would be dead-lettered otherwise: the record comes again after the restart
        IllegalStateException refused = new IllegalStateException("insert failed",
                new SQLException("duplicate key value violates unique constraint", "23505"));
        assertThatThrownBy(() -> backoff.untilDone("storing", () -> {
            throw refused;
        })).isInstanceOf(ServiceStoppingException.class).hasCause(refused);
        assertThat(slept).isEmpty();
        assertThat(ServiceStoppingException.in(new IllegalStateException("nacked",
                new ServiceStoppingException("stopping")))).isTrue();
        assertThat(ServiceStoppingException.in(closed)).isFalse();
    }

    @Test
    void aStopDuringAnOutageEndsTheWaitAtTheNextAttempt() {
        AtomicInteger calls = new AtomicInteger();
        Backoff stoppedWhileWaiting = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30), stopping::get, d -> {
            slept.add(d);
            stopping.set(slept.size() == 3); // SIGTERM arrives during the third wait
        });
        assertThatThrownBy(() -> stoppedWhileWaiting.untilDone("storing a poll", () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("could not prepare statement",
                    new SQLException("Connection refused.", "08001"));
        })).isInstanceOf(ServiceStoppingException.class);
        assertThat(calls).hasValue(3);
    }

    @Test
    void theRealWaitEndsAsSoonAsTheServiceStops() {
        Backoff real = new Backoff(Duration.ofSeconds(30), Duration.ofSeconds(30), stopping::get);
        new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException ignored) {
                // the test ends anyway
            }
            stopping.set(true);
        }).start();
        long started = System.nanoTime();
        assertThatThrownBy(() -> real.untilDone("storing", () -> {
            throw new IllegalStateException(new ConnectException("refused"));
        })).isInstanceOf(ServiceStoppingException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }
}
