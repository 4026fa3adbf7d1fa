package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.util.Set;

/**
 * A vendor that matters (critical or high, or one we share data with) has an independent assurance report on file
 * (SOC 2 or ISO 27001) whose period ended within the last year: what a reviewer reads for TPM-03.
 */
@Singleton
public class VendorReportOnFile implements Rule {
    static final Set<String> REPORTS = Set.of("soc2-type2", "soc2-type1", "iso27001");
    static final Set<String> CRITICAL = Set.of("critical", "high");
    /** A report is relied on for the year after its period ends; after that a newer one (or a bridge letter) is due. */
    static final int MAX_AGE_DAYS = 365;

    @Override
    public String id() {
        return "register.vendor-report-current";
    }

    @Override
    public String resourceType() {
        return "register.vendor";
    }

    @Override
    public String description() {
        return "Every critical or high vendor, and every vendor we share data with, has a SOC 2 or ISO 27001 report "
                + "on file whose period ended within the last 365 days.";
    }

    @Override
    public Verdict judge(Facts facts) {
        RegisterItem vendor = new RegisterItem(facts);
        String name = "vendor " + vendor.text("name");
        if (vendor.retired()) {
            return Verdict.notApplicable(name + " is retired from the register");
        }
        String criticality = vendor.text("criticality");
        String dataShared = vendor.optionalText("dataShared");
        boolean sharesData = dataShared != null && !dataShared.equalsIgnoreCase("none");
        if (!CRITICAL.contains(criticality) && !sharesData) {
            return Verdict.notApplicable(name + " is " + criticality + " and receives no data");
        }
        String report = vendor.optionalText("reportType");
        LocalDate periodEnd = vendor.optionalDate("reportPeriodEnd");
        if (report == null || !REPORTS.contains(report) || periodEnd == null) {
            return Verdict.fail(name + " (" + criticality + (sharesData ? ", receives " + dataShared : "")
                    + ") has no SOC 2 or ISO 27001 report on file with its period end");
        }
        long age = RegisterItem.daysBetween(periodEnd, vendor.observedOn());
        if (age >= MAX_AGE_DAYS) {
            return Verdict.fail("the " + report + " report of " + name + " covers a period that ended on " + periodEnd
                    + ", " + age + " days ago (at most " + MAX_AGE_DAYS + ")");
        }
        return Verdict.pass(name + " has a " + report + " report for a period ending " + periodEnd);
    }
}
