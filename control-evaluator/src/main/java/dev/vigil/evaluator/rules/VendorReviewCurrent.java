package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

import java.time.LocalDate;

/** A vendor's security review is not overdue, and the next one is planned within the annual cadence (TPM-03). */
@Singleton
public class VendorReviewCurrent implements Rule {
    /** TPM-03 operates annually: a next review planned further out than a year (and a leap day) skips a cycle. */
    static final int MAX_DAYS_AHEAD = 366;

    @Override
    public String id() {
        return "register.vendor-review-current";
    }

    @Override
    public String resourceType() {
        return "register.vendor";
    }

    @Override
    public String description() {
        return "Every active vendor's next review date has not passed and is at most a year away.";
    }

    @Override
    public Verdict judge(Facts facts) {
        RegisterItem vendor = new RegisterItem(facts);
        String name = "vendor " + vendor.text("name");
        if (vendor.retired()) {
            return Verdict.notApplicable(name + " is retired from the register");
        }
        LocalDate observed = vendor.observedOn();
        LocalDate next = vendor.date("nextReviewDate");
        if (observed.isAfter(next)) {
            return Verdict.fail("the review of " + name + " was due on " + next + ", "
                    + RegisterItem.daysBetween(next, observed) + " days overdue (register read on " + observed + ")");
        }
        if (RegisterItem.daysBetween(observed, next) > MAX_DAYS_AHEAD) {
            return Verdict.fail("the next review of " + name + " is planned for " + next
                    + ", more than a year away: vendors are reviewed every year");
        }
        return Verdict.pass("the next review of " + name + " is due on " + next);
    }
}
