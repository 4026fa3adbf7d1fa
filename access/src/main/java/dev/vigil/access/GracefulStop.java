package dev.vigil.access;

import dev.vigil.common.retry.Backoff;
import dev.vigil.common.retry.ServiceStoppingException;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A graceful stop (SIGTERM, a deploy, a restart) is transient, never poison. On the way out Quarkus closes Hibernate
 * and the connection pool before the Kafka connector stops delivering records, so without this a record still
 * arriving, or being stored, failed on a closed EntityManagerFactory and was dead-lettered: data an operator had to
 * replay by hand, or, for a status, a history left wrong (statuses are published only on change).
 *
 * <p>So as soon as the application shuts down (the first {@link ShutdownEvent} observer, before the database goes),
 * consumers take no new record ({@link #begin} refuses it with a {@link ServiceStoppingException}), the records in
 * hand get up to {@code quarkus.shutdown.timeout} (10 s when unset) to finish, and whatever fails from then on ends in
 * a {@link ServiceStoppingException} ({@link Backoff}), which {@link DeadLetterUnlessStopping} neither acknowledges nor
 * dead-letters. Those records' offsets stay uncommitted, and Kafka delivers them again after the restart (at least
 * once: storing evidence, run events and statuses is idempotent).
 */
@Singleton
public class GracefulStop {
    private static final Logger LOG = Logger.getLogger(GracefulStop.class);

    private final AtomicInteger inHand = new AtomicInteger();
    private volatile boolean stopping;

    @ConfigProperty(name = "quarkus.shutdown.timeout")
    Optional<Duration> shutdownTimeout;

    void onShutdown(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        stop();
    }

    /** Whether the service is stopping: from then on no failure of a record is the record's fault. */
    public boolean stopping() {
        return stopping;
    }

    /**
     * Takes a record (or a poll) in hand until the returned {@link InHand} is closed.
     *
     * @throws ServiceStoppingException the service is stopping: the record must be left for the next start
     */
    public InHand begin(String what) {
        inHand.incrementAndGet(); // counted before the flag is read, so stop() either waits for it or it is refused
        if (stopping) {
            inHand.decrementAndGet();
            throw new ServiceStoppingException(what + " left for the next start: the service is stopping");
        }
        return inHand::decrementAndGet;
    }

    /** Stops taking records and waits for the ones in hand; what ShutdownEvent does (and tests, to simulate it). */
    public void stop() {
        stopping = true;
        int atStop = inHand.get();
        long started = System.nanoTime();
        Duration timeout = shutdownTimeout.orElse(Duration.ofSeconds(10));
        long deadline = started + timeout.toNanos();
        try {
            while (inHand.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = inHand.get();
        if (left > 0) {
            LOG.warnf("stopping with %d record(s) or poll(s) still in hand after %d s: they are not acknowledged, "
                    + "and are delivered again after the restart", left, timeout.toSeconds());
        } else {
            LOG.infof("stopping: consumers take no more records; %d record(s) or poll(s) in hand, settled in %d ms; "
                    + "what is not acknowledged is delivered again after the restart", atStop,
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
        }
    }

    /** A record (or poll) in hand; closing it hands it back. */
    public interface InHand extends AutoCloseable {
        @Override
        void close();
    }
}
