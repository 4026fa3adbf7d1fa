package dev.vigil.report.generated;

/**
 * The collected data cannot show the whole document (a collection that did not complete, a fact that could not be
 * read): nothing is generated, and the reason is reported instead. A partial list would pass for a complete one.
 */
public class IncompleteSourceException extends RuntimeException {
    public IncompleteSourceException(String message) {
        super(message);
    }
}
