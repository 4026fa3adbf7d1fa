package dev.vigil.evaluator.ingest;

import dev.vigil.common.evidence.MalformedEventException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Retries work that failed for a reason outside the record (database restarting, lock timeout) with
 * exponential backoff. A malformed record is not retried. When the attempts run out the error goes up, and
 * the channel's dead-letter strategy keeps the record, with the reason, for replay.
 */
public final class Retrying {
    private static final Logger LOG = Logger.getLogger(Retrying.class);

    private Retrying() {
    }

    public static <T> T withBackoff(String what, int attempts, Duration first, Duration max, Supplier<T> work) {
        Duration delay = first;
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (MalformedEventException e) {
                throw e;
            } catch (RuntimeException e) {
                if (attempt >= attempts) {
                    throw new IllegalStateException(what + " failed after " + attempts + " attempts: " + rootMessage(e), e);
                }
                LOG.warnf("%s failed (attempt %d of %d), retrying in %d ms: %s", what, attempt, attempts,
                        delay.toMillis(), rootMessage(e));
                sleep(delay);
                delay = delay.multipliedBy(2).compareTo(max) > 0 ? max : delay.multipliedBy(2);
            }
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying", e);
        }
    }
}
