package dev.vigil.collector.run;

import dev.vigil.common.evidence.Redactor;

/**
 * A throwable as it may be logged: the same class name, stack and causes, with every message redacted (an SDK's
 * or HTTP client's message can quote a URL, a header or an error body).
 */
final class RedactedException extends RuntimeException {
    private static final int MAX_CAUSES = 16;
    private final String original;

    private RedactedException(Throwable t, Throwable cause) {
        super(Redactor.redactText(t.getMessage()), cause, false, true);
        this.original = t.getClass().getName();
        setStackTrace(t.getStackTrace());
    }

    static Throwable of(Throwable t) {
        return of(t, 0);
    }

    private static Throwable of(Throwable t, int depth) {
        if (t == null) {
            return null;
        }
        Throwable cause = depth < MAX_CAUSES && t.getCause() != t ? of(t.getCause(), depth + 1) : null;
        return new RedactedException(t, cause);
    }

    @Override
    public String toString() {
        String message = getMessage();
        return message == null ? original : original + ": " + message;
    }
}
