package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A Google Workspace 2-Step Verification enforcement policy (each organisational unit's or group's) must enforce it:
 * its enforcement started ({@code enforcedFrom}) no later than when the policy was read. A policy with no start
 * enforces nothing; a start still to come is not enforcement yet. Enrolment alone ({@code google.active-user-2sv-
 * enrolled}) lets a user turn the second step off again; enforcement does not.
 */
@Singleton
public class GoogleTwoStepVerificationEnforced implements Rule {

    @Override
    public String id() {
        return "google.two-step-verification-enforced";
    }

    @Override
    public String resourceType() {
        return "google.two-step-verification-policy";
    }

    @Override
    public String description() {
        return "Every Google Workspace 2-Step Verification policy enforces it from a date already passed.";
    }

    @Override
    public Verdict judge(Facts facts) {
        Object orgUnit = facts.values().get("orgUnit");
        Object group = facts.values().get("group");
        String where = "2-Step Verification policy of " + (orgUnit != null ? "organisational unit " + orgUnit
                : group != null ? "group " + group : "the customer");
        String from = facts.optionalString("enforcedFrom");
        if (from == null) {
            return Verdict.fail(where + " does not enforce it (no enforcement start)");
        }
        try {
            Instant start = Instant.parse(from);
            Instant observed = Instant.parse(facts.string("observedAt"));
            if (start.isAfter(observed)) {
                return Verdict.fail(where + " enforces it only from " + from);
            }
            return Verdict.pass(where + " enforces it since " + from);
        } catch (DateTimeParseException e) {
            return Verdict.unknown("a 2-Step Verification time is not an instant: " + e.getParsedString());
        }
    }
}
