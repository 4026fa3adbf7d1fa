package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

import java.time.LocalDate;

/**
 * The annual risk assessment (RA-02) is every open risk of the register reviewed, with an owner and a treatment,
 * within the last year: a risk whose review is older than the window fails, so a skipped assessment shows.
 */
@Singleton
public class RiskReviewedInWindow implements Rule {
    /** Annual: stale from the day the review is a year old, as a 365-day document is. */
    static final int WINDOW_DAYS = 365;

    @Override
    public String id() {
        return "register.risk-reviewed-in-window";
    }

    @Override
    public String resourceType() {
        return "register.risk";
    }

    @Override
    public String description() {
        return "Every open risk of the register has an owner and a treatment and was reviewed within the last 365 days.";
    }

    /** Which risks this rule judges; a narrower assessment (RA-03) judges fewer. */
    protected boolean concerns(String category) {
        return true;
    }

    @Override
    public Verdict judge(Facts facts) {
        RegisterItem risk = new RegisterItem(facts);
        String name = risk.label("risk");
        if (risk.retired()) {
            return Verdict.notApplicable(name + " is closed");
        }
        String category = risk.text("category");
        if (!concerns(category)) {
            return Verdict.notApplicable(name + " is a " + category + " risk");
        }
        String owner = risk.text("owner");
        String treatment = risk.text("treatment");
        LocalDate reviewed = risk.optionalDate("reviewedOn");
        if (reviewed == null) {
            return Verdict.fail(name + " has never been reviewed");
        }
        long age = RegisterItem.daysBetween(reviewed, risk.observedOn());
        if (age >= WINDOW_DAYS) {
            return Verdict.fail(name + " was last reviewed on " + reviewed + ", " + age + " days ago (at most "
                    + WINDOW_DAYS + ")");
        }
        return Verdict.pass(name + " reviewed on " + reviewed + ", owner " + owner + ", treatment " + treatment);
    }
}
