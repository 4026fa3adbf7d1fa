package dev.vigil.report.errors;

/** A control id the catalogue does not define. */
public class UnknownControlException extends RuntimeException {
    public UnknownControlException(String id) {
        super("unknown control '" + id + "'");
    }
}
