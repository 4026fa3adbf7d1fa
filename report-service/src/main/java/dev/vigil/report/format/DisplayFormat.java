package dev.vigil.report.format;

import dev.vigil.common.catalogue.EvidenceKind;
import dev.vigil.common.catalogue.Frequency;
import dev.vigil.common.evidence.ControlStatus;
import dev.vigil.common.evidence.DocumentPart;
import dev.vigil.report.format.Durations;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How the dashboard writes values for people: times in UTC to the second, absent values spelled out. */
public final class DisplayFormat {
    static final String NEVER = "never";
    static final String NONE = "—";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private DisplayFormat() {
    }

    public static String when(Instant t) {
        return t == null ? NEVER : WHEN.format(t);
    }

    /** A CSS class per status, e.g. {@code status-not-evaluated}. */
    public static String statusClass(ControlStatus s) {
        return "status-" + s.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The same CSS class for a status known only by name (a history entry, a control behind a commitment) or
     * for a commitment's status, e.g. {@code status-at-risk}.
     */
    public static String badgeClass(Object status) {
        return "status-" + String.valueOf(status).toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** How long something has waited, to the second: {@code 2h 5m 3s}; {@code under a second} below one. */
    public static String age(Duration d) {
        Duration whole = d.truncatedTo(ChronoUnit.SECONDS);
        return whole.isZero() || whole.isNegative() ? "under a second" : Durations.human(whole);
    }

    public static String count(Integer n) {
        return n == null ? NONE : n.toString();
    }

    public static String orNone(String s) {
        return s == null || s.isBlank() ? NONE : s;
    }

    public static String frequency(Frequency f) {
        String name = f.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /**
     * A control's document part in a few words for the board: {@code 1 of 2 missing}, {@code 1 of 1 expired},
     * {@code all 2 current}.
     */
    public static String documents(DocumentPart part) {
        if (part == null) {
            return NONE;
        }
        List<String> wrong = new ArrayList<>();
        if (!part.missing().isEmpty()) {
            wrong.add(part.missing().size() + " of " + part.required() + " missing");
        }
        if (!part.expired().isEmpty()) {
            wrong.add(part.expired().size() + " of " + part.required() + " expired");
        }
        return wrong.isEmpty() ? "all " + part.required() + " current" : String.join(", ", wrong);
    }

    /** A list of document types for people: {@code access-review, admin-access-list}, or a dash when empty. */
    public static String types(List<String> types) {
        return types == null || types.isEmpty() ? NONE : String.join(", ", types);
    }

    public static String evidence(EvidenceKind kind) {
        return switch (kind) {
            case AUTOMATED -> "Automated: rules judge evidence collected from the systems in scope";
            case MANUAL -> "Manual: documents uploaded and reviewed against the control";
            case BOTH -> "Automated rules, plus uploaded documents";
        };
    }
}
