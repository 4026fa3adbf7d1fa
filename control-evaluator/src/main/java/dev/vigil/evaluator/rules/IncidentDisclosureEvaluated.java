package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

import java.time.LocalDate;

/**
 * IR-03: each incident is evaluated for disclosure of confidential or personal data and for duties to notify. The
 * shortest common legal clock (GDPR's 72 hours) means the evaluation cannot wait for the incident to close.
 */
@Singleton
public class IncidentDisclosureEvaluated implements Rule {
    static final int DAYS_TO_EVALUATE = 3;

    @Override
    public String id() {
        return "register.incident-disclosure-evaluated";
    }

    @Override
    public String resourceType() {
        return "register.incident";
    }

    @Override
    public String description() {
        return "Every incident records its disclosure evaluation, at the latest 3 days after it was opened.";
    }

    @Override
    public Verdict judge(Facts facts) {
        RegisterItem incident = new RegisterItem(facts);
        String name = incident.label("incident");
        if (incident.retired()) {
            return Verdict.notApplicable(name + " is retired from the register");
        }
        String evaluation = incident.optionalText("disclosureEvaluation");
        if (evaluation != null) {
            return Verdict.pass(name + " was evaluated for disclosure: " + evaluation);
        }
        LocalDate opened = incident.date("openedOn");
        LocalDate due = opened.plusDays(DAYS_TO_EVALUATE);
        if (incident.optionalDate("closedOn") != null) {
            return Verdict.fail(name + " closed without a disclosure evaluation");
        }
        if (incident.observedOn().isAfter(due)) {
            return Verdict.fail(name + ", opened on " + opened + ", has no disclosure evaluation; it was due by " + due);
        }
        return Verdict.pass(name + " opened on " + opened + "; its disclosure evaluation is due by " + due);
    }
}
