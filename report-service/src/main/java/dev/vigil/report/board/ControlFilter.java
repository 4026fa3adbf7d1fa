package dev.vigil.report.board;

import dev.vigil.common.evidence.ControlStatus;

import java.util.Arrays;
import java.util.Locale;

/** Optional narrowing of the control list by status and category; a null part matches everything. */
public record ControlFilter(ControlStatus status, String category) {
    public static final ControlFilter ALL = new ControlFilter(null, null);

    /**
     * Parses query parameters; blank means "any".
     *
     * @throws InvalidFilterException naming the accepted values when the status is unknown
     */
    public static ControlFilter parse(String status, String category) {
        return new ControlFilter(parseStatus(status), blankToNull(category));
    }

    public boolean matches(ControlView control) {
        return (status == null || status == control.status())
                && (category == null || category.equalsIgnoreCase(control.category()));
    }

    public boolean isAll() {
        return status == null && category == null;
    }

    private static ControlStatus parseStatus(String value) {
        String s = blankToNull(value);
        if (s == null) {
            return null;
        }
        try {
            return ControlStatus.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidFilterException("unknown status '" + s + "', expected one of "
                    + Arrays.toString(ControlStatus.values()));
        }
    }

    /** A filter value that names nothing; the message lists what is accepted. */
    public static class InvalidFilterException extends IllegalArgumentException {
        public InvalidFilterException(String message) {
            super(message);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
