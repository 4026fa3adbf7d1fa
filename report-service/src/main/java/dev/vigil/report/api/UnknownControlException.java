package dev.vigil.report.api;

/** A control id the catalogue does not define. */
public class UnknownControlException extends RuntimeException {
    public UnknownControlException(String id) {
        super("unknown control '" + id + "'");
    }
}
