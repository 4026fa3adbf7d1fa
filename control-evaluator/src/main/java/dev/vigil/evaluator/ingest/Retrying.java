package dev.vigil.evaluator.ingest;

import dev.vigil.common.evidence.MalformedEventException;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Retries work that failed for a reason outside the record (database restarting, lock timeout) with
 * exponential backoff. What lies in the record itself is not retried: a malformed record, or data the database
 * refuses (SQL states of class 22, data exception, and 23, integrity constraint violation). When the attempts run
 * out, or at once for those, the error goes up and the record ends on the dead-letter topic, with the reason.
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
                if (refusedData(e)) {
                    throw new IllegalStateException(what + " failed: " + rootMessage(e), e);
                }
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

    /** The database refused the data itself: trying again cannot help. */
    static boolean refusedData(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return true;
            }
        }
        return false;
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
