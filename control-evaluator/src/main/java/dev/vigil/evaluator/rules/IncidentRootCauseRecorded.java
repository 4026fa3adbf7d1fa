package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

import java.util.Set;

/** IR-02: the incident process requires a root cause analysis for significant incidents (high and critical). */
@Singleton
public class IncidentRootCauseRecorded implements Rule {
    static final Set<String> SIGNIFICANT = Set.of("critical", "high");

    @Override
    public String id() {
        return "register.incident-root-cause-recorded";
    }

    @Override
    public String resourceType() {
        return "register.incident";
    }

    @Override
    public String description() {
        return "Every closed critical or high incident records its root cause.";
    }

    @Override
    public Verdict judge(Facts facts) {
        RegisterItem incident = new RegisterItem(facts);
        String name = incident.label("incident");
        if (incident.retired()) {
            return Verdict.notApplicable(name + " is retired from the register");
        }
        String severity = incident.text("severity");
        if (!SIGNIFICANT.contains(severity)) {
            return Verdict.notApplicable(name + " is of " + severity + " severity");
        }
        if (incident.optionalDate("closedOn") == null) {
            return Verdict.notApplicable(name + " is still open");
        }
        return incident.optionalText("rootCause") == null
                ? Verdict.fail(name + ", " + severity + ", closed without a root cause")
                : Verdict.pass(name + ", " + severity + ", records its root cause");
    }
}
