package dev.vigil.report.api;

/** A commitment id the registry does not define. */
public class UnknownCommitmentException extends RuntimeException {
    public UnknownCommitmentException(String id) {
        super("unknown commitment '" + id + "'");
    }
}
