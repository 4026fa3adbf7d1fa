package dev.vigil.report.register;

import java.util.Map;

/**
 * A register item that passed validation: its fields in the register's order, each a string, an integer (scores), a
 * date as {@code YYYY-MM-DD}, or null when left empty.
 */
public record ValidItem(Register register, String itemId, Map<String, Object> fields, boolean retired) {
}
