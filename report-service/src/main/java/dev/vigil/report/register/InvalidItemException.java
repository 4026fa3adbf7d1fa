package dev.vigil.report.register;

import java.util.List;

/** A register item, or a CSV file of them, that cannot be recorded; every problem is named (answered 400). */
public class InvalidItemException extends RuntimeException {
    private final List<String> problems;

    public InvalidItemException(List<String> problems) {
        super("invalid register item: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
