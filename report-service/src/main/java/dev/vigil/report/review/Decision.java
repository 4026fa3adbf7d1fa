package dev.vigil.report.review;

import java.util.Locale;
import java.util.Optional;

/** What a reviewer decides for an access. */
public enum Decision {
    KEEP, REVOKE;

    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Decision> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "keep" -> Optional.of(KEEP);
            case "revoke" -> Optional.of(REVOKE);
            default -> Optional.empty();
        };
    }
}
