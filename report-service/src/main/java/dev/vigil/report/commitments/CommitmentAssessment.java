package dev.vigil.report.commitments;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.vigil.report.history.Statuses;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A commitment judged by the current status of its controls. Only PASS backs a promise. A FAIL, or a promise
 * naming no control, leaves it UNBACKED (seed guidance: flag any stated capability not actually implemented).
 * Any other status, including EXCEPTED (a failure someone accepted is still a failure the customer was not told
 * about) and statuses this service does not know yet, leaves it AT_RISK, and the reason says which and why.
 */
@JsonPropertyOrder({"id", "statement", "category", "statedIn", "status", "reason", "controls"})
public record CommitmentAssessment(
        String id,
        String statement,
        String category,
        List<String> statedIn,
        CommitmentStatus status,
        String reason,
        List<BackingControl> controls) {

    static final String NO_CONTROL = "No control backs this commitment: it is stated, but nothing shows it is kept.";
    private static final Map<String, String> WHY_NOT_BACKING = Map.of(
            Statuses.EXCEPTED, "a failure accepted as an exception does not back a commitment",
            Statuses.DOCUMENT_MISSING, "its rules pass, but a document it requires was never uploaded",
            "NOT_APPLICABLE", "scoped out, so it cannot back a commitment that relies on it");

    /** What a control currently shows; {@code status} by name, so statuses added later need no change here. */
    public record ControlState(String title, String status, Instant evaluatedAt) {
    }

    @JsonPropertyOrder({"id", "title", "status", "evaluatedAt", "justification"})
    public record BackingControl(String id, String title, String status, Instant evaluatedAt, String justification) {
    }

    /**
     * @param current each control's current state by id; a control missing from it has no evidence
     */
    public static CommitmentAssessment assess(Commitment c, Map<String, ControlState> current) {
        List<BackingControl> controls = c.controls().stream().map(b -> {
            ControlState s = current.getOrDefault(b.control(), new ControlState(null, Statuses.NO_EVIDENCE, null));
            return new BackingControl(b.control(), s.title(), s.status(), s.evaluatedAt(), b.justification());
        }).toList();
        List<BackingControl> failing = controls.stream().filter(b -> Statuses.FAIL.equals(b.status())).toList();
        List<BackingControl> unproven = controls.stream()
                .filter(b -> !Statuses.FAIL.equals(b.status()) && !Statuses.PASS.equals(b.status())).toList();

        CommitmentStatus status;
        String reason;
        if (controls.isEmpty()) {
            status = CommitmentStatus.UNBACKED;
            reason = NO_CONTROL;
        } else if (!failing.isEmpty()) {
            status = CommitmentStatus.UNBACKED;
            reason = "Failing: " + failing.stream().map(BackingControl::id).collect(Collectors.joining(", ")) + "."
                    + (unproven.isEmpty() ? "" : " Also not shown to pass: " + describe(unproven) + ".");
        } else if (!unproven.isEmpty()) {
            status = CommitmentStatus.AT_RISK;
            reason = "Not shown to pass: " + describe(unproven) + ".";
        } else {
            status = CommitmentStatus.BACKED;
            reason = controls.size() == 1 ? "Its control passes." : "All " + controls.size() + " controls pass.";
        }
        return new CommitmentAssessment(c.id(), c.statement(), c.category(), c.statedIn(), status, reason, controls);
    }

    private static String describe(List<BackingControl> controls) {
        return controls.stream()
                .map(b -> b.id() + " is " + b.status()
                        + (WHY_NOT_BACKING.containsKey(b.status()) ? " (" + WHY_NOT_BACKING.get(b.status()) + ")" : ""))
                .collect(Collectors.joining(", "));
    }
}
