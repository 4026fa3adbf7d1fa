package dev.vigil.common.retry;

/**
 * A record was not processed because its service is stopping (SIGTERM, a deploy, a restart). It is not the record's
 * fault, so the record must be neither acknowledged nor dead-lettered: its offset stays uncommitted and Kafka delivers
 * it again once the service runs again (at least once; ingestion is idempotent).
 */
public class ServiceStoppingException extends RuntimeException {
    // No stack trace: the messaging provider logs every exception a consumer throws, and on a stop that is the
    // normal way out for each poll still arriving; the message says all there is.
    public ServiceStoppingException(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    public ServiceStoppingException(String message) {
        super(message, null, false, false);
    }

    /** Whether the failure, or one of its causes, is this one. */
    public static boolean in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ServiceStoppingException) {
                return true;
            }
        }
        return false;
    }
}
