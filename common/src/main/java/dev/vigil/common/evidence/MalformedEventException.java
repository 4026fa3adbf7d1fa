package dev.vigil.common.evidence;

/** A record that does not follow the envelope; its message is the reason written to the dead-letter topic. */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String reason) {
        super(reason);
    }

    public MalformedEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
