package dev.vigil.common.retry;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Work that depends on a database or a broker, retried with capped exponential backoff for as long as its failure is
 * transient (the dependency is down, restarting or overloaded), and given up at once when it is not: a record the
 * database refuses, a bug, a malformed event. Consumers call it around each step, so an outage pauses consumption in
 * order instead of dead-lettering what would have succeeded a minute later; what can never succeed still goes to the
 * dead-letter topic, one record at a time.
 *
 * <p>Transient is recognised positively, from the cause chain (anything else is permanent, so a poison record cannot
 * hold a partition forever): SQL states of class 08 (connection), 53 (insufficient resources), 57P (the server
 * shutting down or starting), 40001 and 40P01 (serialisation failure, deadlock); a connection pool that could not get a
 * connection in time; refused, reset or timed-out connections; Kafka's retriable errors; and what a service's own stop
 * looks like from inside (a closed EntityManagerFactory or connection pool, an interrupted thread).
 *
 * <p>A graceful stop is not poison either, and not worth waiting out: once {@code stopping} says so, the next failure,
 * transient or not, ends the work with a {@link ServiceStoppingException} (and so does a wait already under way), so
 * the record in hand is neither acknowledged nor dead-lettered but delivered again after the restart.
 */
public final class Backoff {
    private static final Logger LOG = Logger.getLogger(Backoff.class.getName());

    private final BackoffSchedule schedule;
    private final BooleanSupplier stopping;
    private final Sleeper sleeper;

    public Backoff(Duration first, Duration max, BooleanSupplier stopping) {
        this(first, max, stopping, d -> sleep(d, stopping));
    }

    Backoff(Duration first, Duration max, BooleanSupplier stopping, Sleeper sleeper) {
        this.schedule = new BackoffSchedule(first, max);
        this.stopping = stopping;
        this.sleeper = sleeper;
    }

    /** What a consumer waits between attempts: 200 ms, doubling, at most 30 s; no more once its service stops. */
    public static Backoff consumer(BooleanSupplier stopping) {
        return new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30), stopping);
    }

    /**
     * The work's result, after as many attempts as its failures are transient.
     *
     * @throws ServiceStoppingException the work failed, or was waiting to be tried again, while the service stops
     * @throws RuntimeException the first permanent failure, unchanged
     */
    public <T> T untilDone(String what, Supplier<T> work) {
        long since = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            try {
                T result = work.get();
                if (attempt > 1) {
                    LOG.info(what + " succeeded at attempt " + attempt + ", after "
                            + Duration.ofNanos(System.nanoTime() - since).toSeconds() + " s");
                }
                return result;
            } catch (RuntimeException e) {
                if (stopping.getAsBoolean()) {
                    throw stopped(what, e);
                }
                if (!isTransient(e)) {
                    throw e;
                }
                Duration delay = schedule.delay(attempt);
                // Loud at first, then once a minute or so: an outage of an hour must not flood the log.
                if (attempt <= 3 || delay.equals(schedule.max())) {
                    LOG.log(Level.WARNING, what + " failed (attempt " + attempt + ", transient), retrying in "
                            + delay.toMillis() + " ms: " + rootMessage(e));
                }
                sleeper.sleep(delay);
                if (stopping.getAsBoolean()) {
                    throw stopped(what, e);
                }
            }
        }
    }

    private static ServiceStoppingException stopped(String what, RuntimeException failure) {
        return failure instanceof ServiceStoppingException s ? s : new ServiceStoppingException(
                what + " given up: the service is stopping (" + rootMessage(failure) + ")", failure);
    }

    /** A failure that may go away by itself: a dependency down, restarting or overloaded. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")
                        || state.equals("40001") || state.equals("40P01"))) {
                    return true;
                }
                // Agroal and others: the pool could not get a connection in time (no SQL state).
                if (state == null && sql.getMessage() != null && sql.getMessage().startsWith("Acquisition timeout")) {
                    return true;
                }
                // Agroal once the service closes its pool on the way out.
                if (state == null && sql.getMessage() != null && (sql.getMessage().startsWith("This pool is closed")
                        || sql.getMessage().contains("pool is shutting down"))) {
                    return true;
                }
                if (state != null) {
                    return false; // the database answered: a data or statement error is not an outage
                }
            }
            if (t instanceof ConnectException || t instanceof SocketTimeoutException || t instanceof SocketException
                    || t instanceof TimeoutException || isKafkaRetriable(t.getClass())) {
                return true;
            }
            // The service stopping under the work: Hibernate's factory closed, the thread interrupted.
            if (t instanceof ServiceStoppingException || t instanceof InterruptedException
                    || t instanceof ClosedByInterruptException || (t instanceof IllegalStateException
                    && t.getMessage() != null && t.getMessage().startsWith("EntityManagerFactory is closed"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isKafkaRetriable(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals("org.apache.kafka.common.errors.RetriableException")) {
                return true;
            }
        }
        return false;
    }

    /** The innermost cause's type and message, for a log line. */
    public static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** Waits, in steps of at most 100 ms, so that a stop ends the wait at once. */
    private static void sleep(Duration d, BooleanSupplier stopping) {
        long until = System.nanoTime() + d.toNanos();
        try {
            for (long left = d.toNanos(); left > 0 && !stopping.getAsBoolean(); left = until - System.nanoTime()) {
                Thread.sleep(Math.min(100, Math.max(1, left / 1_000_000)));
            }
        } catch (InterruptedException e) { // only a stopping service interrupts its workers
            Thread.currentThread().interrupt();
            throw new ServiceStoppingException("interrupted while waiting to retry", e);
        }
    }

    interface Sleeper {
        void sleep(Duration d);
    }
}
