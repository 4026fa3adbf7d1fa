package dev.vigil.report.register;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Decides whether what someone typed (or a CSV row) is a register item: known fields only, required ones present,
 * values of the listed kinds, dates of things done not in the future. Plain Java over a clock; the same for the API
 * and CSV import, so an item means the same however it arrived.
 */
public final class ItemValidator {
    public static final String RETIRED = "retired";
    static final Pattern ITEM_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final int MAX_TEXT = 4000;
    /** The latest time zone: a date that is today anywhere on earth is not in the future (as for uploads). */
    private static final ZoneOffset EARLIEST_TODAY = ZoneOffset.ofHours(14);

    private final Clock clock;

    public ItemValidator(Clock clock) {
        this.clock = clock;
    }

    /** @throws InvalidItemException naming every problem, prefixed with {@code where} (e.g. "line 3: ") */
    public ValidItem validate(Register register, String itemId, Map<String, String> values, String where) {
        List<String> problems = new ArrayList<>();
        String id = trimmed(itemId);
        if (id == null) {
            problems.add(where + "itemId is required");
        } else if (!ITEM_ID.matcher(id).matches()) {
            problems.add(where + "itemId '" + id + "' must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        Set<String> known = new TreeSet<>(register.fields().stream().map(Register.Field::name).toList());
        known.add(RETIRED);
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                problems.add(where + "unknown field '" + name + "'; a " + register.id() + " has " + known);
            }
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), EARLIEST_TODAY);
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Register.Field f : register.fields()) {
            fields.put(f.name(), value(f, trimmed(values.get(f.name())), today, where, problems));
        }
        boolean retired = retired(trimmed(values.get(RETIRED)), where, problems);
        crossCheck(register, fields, where, problems);
        if (!problems.isEmpty()) {
            throw new InvalidItemException(problems);
        }
        return new ValidItem(register, id, fields, retired);
    }

    private static Object value(Register.Field f, String raw, LocalDate today, String where, List<String> problems) {
        if (raw == null) {
            if (f.required()) {
                problems.add(where + f.name() + " is required");
            }
            return null;
        }
        switch (f.kind()) {
            case TEXT -> {
                if (raw.length() > MAX_TEXT) {
                    problems.add(where + f.name() + " is longer than " + MAX_TEXT + " characters");
                }
                return raw;
            }
            case ONE_OF -> {
                if (!f.values().contains(raw)) {
                    problems.add(where + f.name() + " '" + raw + "' is not one of " + new TreeSet<>(f.values()));
                }
                return raw;
            }
            case SCORE -> {
                try {
                    int score = Integer.parseInt(raw);
                    if (score >= 1 && score <= 5) {
                        return score;
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
                problems.add(where + f.name() + " '" + raw + "' is not a whole number from 1 to 5");
                return null;
            }
            case DATE -> {
                try {
                    LocalDate date = LocalDate.parse(raw);
                    if (f.past() && date.isAfter(today)) {
                        problems.add(where + f.name() + " " + date + " is in the future");
                    }
                    return date.toString();
                } catch (DateTimeParseException e) {
                    problems.add(where + f.name() + " '" + raw + "' is not an ISO date (YYYY-MM-DD)");
                    return null;
                }
            }
            default -> throw new IllegalStateException("unknown field kind " + f.kind());
        }
    }

    private static boolean retired(String raw, String where, List<String> problems) {
        if (raw == null || raw.equalsIgnoreCase("false")) {
            return false;
        }
        if (raw.equalsIgnoreCase("true")) {
            return true;
        }
        problems.add(where + RETIRED + " '" + raw + "' is not true or false");
        return false;
    }

    /** What one field alone cannot say. */
    private static void crossCheck(Register register, Map<String, Object> fields, String where, List<String> problems) {
        if (register == Register.VENDOR && (fields.get("reportType") == null) != (fields.get("reportPeriodEnd") == null)) {
            problems.add(where + "reportType and reportPeriodEnd go together: a report on file has a period end");
        }
        if (register == Register.INCIDENT && fields.get("openedOn") instanceof String opened
                && fields.get("closedOn") instanceof String closed && closed.compareTo(opened) < 0) {
            problems.add(where + "closedOn " + closed + " is before openedOn " + opened);
        }
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
