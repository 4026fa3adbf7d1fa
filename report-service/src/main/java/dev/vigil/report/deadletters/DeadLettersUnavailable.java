package dev.vigil.report.deadletters;

/** Kafka could not be read or written in time (answered 503): nothing is known, or nothing more was done. */
public class DeadLettersUnavailable extends RuntimeException {
    public DeadLettersUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
