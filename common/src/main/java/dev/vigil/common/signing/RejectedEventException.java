package dev.vigil.common.signing;

/**
 * A record that is well formed but not to be believed: unsigned, signed by a key this service does not trust, badly
 * signed, or dated too far in the future. Its message is the dead-letter reason; the record is never processed.
 */
public class RejectedEventException extends RuntimeException {
    public RejectedEventException(String reason) {
        super(reason);
    }
}
