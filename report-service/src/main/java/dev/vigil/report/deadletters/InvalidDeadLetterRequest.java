package dev.vigil.report.deadletters;

/** A listing or replay request that cannot be answered as sent (answered 400, naming what was wrong). */
public class InvalidDeadLetterRequest extends IllegalArgumentException {
    public InvalidDeadLetterRequest(String message) {
        super(message);
    }
}
