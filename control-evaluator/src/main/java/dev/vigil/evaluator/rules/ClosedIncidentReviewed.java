package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/**
 * IR-01: the incidents closed in a month are reviewed in a monthly review, so each closed incident carries the date of
 * the review that covered it by the end of the month after it closed.
 */
@Singleton
public class ClosedIncidentReviewed implements Rule {

    @Override
    public String id() {
        return "register.closed-incident-reviewed";
    }

    @Override
    public String resourceType() {
        return "register.incident";
    }

    @Override
    public String description() {
        return "Every closed incident was reviewed, at the latest by the end of the month after the one it closed in.";
    }

    /** The monthly review of the month an incident closed in happens during the next month. */
    static LocalDate reviewDue(LocalDate closedOn) {
        return closedOn.plusMonths(1).with(TemporalAdjusters.lastDayOfMonth());
    }

    @Override
    public Verdict judge(Facts facts) {
        RegisterItem incident = new RegisterItem(facts);
        String name = incident.label("incident");
        if (incident.retired()) {
            return Verdict.notApplicable(name + " is retired from the register");
        }
        LocalDate closed = incident.optionalDate("closedOn");
        if (closed == null) {
            return Verdict.notApplicable(name + " is still open");
        }
        LocalDate reviewed = incident.optionalDate("reviewedOn");
        LocalDate due = reviewDue(closed);
        if (reviewed != null && !reviewed.isBefore(closed)) {
            return Verdict.pass(name + " closed on " + closed + " and reviewed on " + reviewed);
        }
        if (reviewed != null) {
            return Verdict.fail(name + " was reviewed on " + reviewed + ", before it closed on " + closed);
        }
        if (incident.observedOn().isAfter(due)) {
            return Verdict.fail(name + " closed on " + closed + " and was not reviewed; its monthly review was due by "
                    + due + ", " + RegisterItem.daysBetween(due, incident.observedOn()) + " days ago");
        }
        return Verdict.pass(name + " closed on " + closed + "; its monthly review is due by " + due);
    }
}
