package dev.vigil.report.register;

import dev.vigil.common.evidence.RegisterEvidence;

import java.util.Objects;

/** What recording an item does to the register, decided from its current version alone. Plain Java. */
public enum ItemChange {
    CREATED, UPDATED, RETIRED, REINSTATED;

    /** The change from {@code current} (null: no such item yet) to {@code next}; null when nothing differs. */
    public static ItemChange of(RegisterEvidence.Item current, ValidItem next) {
        if (current == null) {
            return CREATED;
        }
        if (current.retired() != next.retired()) {
            return next.retired() ? RETIRED : REINSTATED;
        }
        return Objects.equals(current.fields(), next.fields()) ? null : UPDATED;
    }

    /** As stored in register_item_history.change. */
    public String column() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
