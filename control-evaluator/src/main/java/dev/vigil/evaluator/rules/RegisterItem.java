package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Reading a register item's facts (report-service's vendor, risk and incident registers, docs/registers.md). Every
 * item carries {@code observedOn}, the day the register was read, so a rule judges a date against the evidence
 * alone and the verdict moves when the register is read again the next day (report-service re-reads it hourly).
 */
final class RegisterItem {
    private final Facts facts;

    RegisterItem(Facts facts) {
        this.facts = facts;
    }

    /** A retired item (a vendor no longer used, a risk closed) stays in the register's history but out of scope. */
    boolean retired() {
        return facts.bool("retired");
    }

    /** How a verdict names an item that has an id and a title: "incident INC-7 (Database failover)". */
    String label(String kind) {
        return kind + " " + text("itemId") + " (" + text("title") + ")";
    }

    LocalDate observedOn() {
        return date("observedOn");
    }

    String text(String name) {
        return facts.string(name);
    }

    /** A text fact that may be null or blank, as null. */
    String optionalText(String name) {
        String value = facts.optionalString(name);
        return value == null || value.isBlank() ? null : value;
    }

    LocalDate date(String name) {
        return parse(name, facts.string(name));
    }

    LocalDate optionalDate(String name) {
        String value = facts.optionalString(name);
        return value == null ? null : parse(name, value);
    }

    private static LocalDate parse(String name, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new Facts.MissingFactException("fact '" + name + "' is not an ISO date: " + value);
        }
    }

    static long daysBetween(LocalDate from, LocalDate to) {
        return to.toEpochDay() - from.toEpochDay();
    }
}
