package dev.vigil.report.policy;

import java.util.List;

/** The request is not a valid policy, version or acknowledgement: every problem, named, and nothing recorded. */
public class InvalidPolicyException extends RuntimeException {
    private final List<String> problems;

    public InvalidPolicyException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
