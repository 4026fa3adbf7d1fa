package dev.vigil.evaluator.rules;

import dev.vigil.common.evidence.PolicyEvidence;
import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A control backed by a policy (docs/policies.md) holds only when the policy has an approved version and every
 * active person acknowledged that version within the window: from the later of its effective date and the day the
 * person was first seen (a joiner gets the same grace), plus the policy's {@code acknowledgementDays}. The window is
 * judged against {@code observedOn}, so a deadline that passes fails the control the next time the policy is read.
 * One subclass per control a policy can back, each judging that control's own resource type ({@code policy.cm-13}),
 * so a policy backing another control never reaches it; a policy that no longer backs the control is not
 * applicable. Backing another control is one more subclass and its mapping in the catalogue.
 */
public abstract class PolicyAcknowledgedInTime implements Rule {
    private final String controlId;

    protected PolicyAcknowledgedInTime(String controlId) {
        this.controlId = controlId;
    }

    @Override
    public String id() {
        return "policy.acknowledged-in-time." + controlId.toLowerCase(Locale.ROOT);
    }

    @Override
    public String resourceType() {
        return PolicyEvidence.resourceType(controlId);
    }

    @Override
    public String description() {
        return "Every policy backing " + controlId + " has an approved version that every active person acknowledged"
                + " within the policy's window.";
    }

    @Override
    public Verdict judge(Facts facts) {
        String name = "policy " + facts.string("policyId") + " (" + facts.string("title") + ")";
        List<?> controls = facts.list("controls");
        if (!controls.contains(controlId)) {
            return Verdict.notApplicable(name + " does not back " + controlId);
        }
        if (facts.values().get("version") == null) {
            return Verdict.fail(name + " has no approved version");
        }
        int version = facts.integer("version");
        LocalDate effective = date("effectiveDate", facts.string("effectiveDate"));
        LocalDate observedOn = date("observedOn", facts.string("observedOn"));
        int days = facts.integer("acknowledgementDays");
        String current = name + " version " + version + " (approved by " + facts.string("approvedBy")
                + ", effective " + effective + ")";
        if (facts.values().get("people") == null) {
            return Verdict.unknown("the active people could not be read for " + current + ": "
                    + facts.optionalString("peopleUnavailable"));
        }
        List<?> people = facts.list("people");
        if (people.isEmpty()) {
            return Verdict.unknown("the identity providers list no active person, so nobody is shown to have"
                    + " acknowledged " + current);
        }
        List<String> overdue = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        int acknowledged = 0;
        for (Object entry : people) {
            Facts person = facts(asMap(entry));
            String email = person.string("email");
            if (person.optionalString("acknowledgedOn") != null) {
                acknowledged++;
                continue;
            }
            String since = person.optionalString("activeSince");
            LocalDate from = since == null ? effective : later(effective, date("activeSince", since));
            LocalDate due = from.plusDays(days);
            if (observedOn.isAfter(due)) {
                overdue.add(email + " (due " + due + ")");
            } else {
                waiting.add(email + " (due " + due + ")");
            }
        }
        if (!overdue.isEmpty()) {
            return Verdict.fail(current + " was not acknowledged within " + days + " days by " + overdue.size()
                    + " of " + people.size() + " active people: " + String.join(", ", overdue));
        }
        return Verdict.pass(current + ": acknowledged by " + acknowledged + " of " + people.size()
                + " active people" + (waiting.isEmpty() ? "" : "; still within their window: "
                + String.join(", ", waiting)));
    }

    private static Map<?, ?> asMap(Object entry) {
        if (entry instanceof Map<?, ?> m) {
            return m;
        }
        throw new Facts.MissingFactException("fact 'people' should hold objects but holds " + entry);
    }

    @SuppressWarnings("unchecked")
    private static Facts facts(Map<?, ?> m) {
        return new Facts((Map<String, Object>) m);
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new Facts.MissingFactException("fact '" + name + "' is not an ISO date: " + value);
        }
    }
}
