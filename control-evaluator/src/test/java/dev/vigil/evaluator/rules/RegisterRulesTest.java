package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Outcome;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The register rules on facts shaped as report-service publishes register items (docs/registers.md). */
class RegisterRulesTest {
    static final String READ_ON = "2026-12-04";

    static Map<String, Object> item(String register, String id, Object... pairs) {
        Map<String, Object> facts = new HashMap<>();
        facts.put("register", register);
        facts.put("itemId", id);
        facts.put("retired", false);
        facts.put("observedOn", READ_ON);
        for (int i = 0; i < pairs.length; i += 2) {
            facts.put((String) pairs[i], pairs[i + 1]);
        }
        return facts;
    }

    static Map<String, Object> vendor(String criticality, String dataShared, String report, String periodEnd,
                                      String nextReview) {
        return item("vendor", "V-1", "name", "Acme Mail", "criticality", criticality, "dataShared", dataShared,
                "reportType", report, "reportPeriodEnd", periodEnd, "nextReviewDate", nextReview, "owner", "ops");
    }

    static Map<String, Object> risk(String category, String reviewedOn) {
        return item("risk", "R-1", "title", "Payroll fraud", "category", category, "likelihood", 2, "impact", 4,
                "treatment", "mitigate", "owner", "cfo", "reviewedOn", reviewedOn);
    }

    static Map<String, Object> incident(String severity, String openedOn, String closedOn, String rootCause,
                                        String disclosure, String reviewedOn) {
        return item("incident", "INC-7", "title", "Leaked API key", "severity", severity, "openedOn", openedOn,
                "closedOn", closedOn, "rootCause", rootCause, "disclosureEvaluation", disclosure,
                "reviewedOn", reviewedOn);
    }

    static Verdict judge(Rule rule, Map<String, Object> facts) {
        return rule.evaluate(new Facts(facts));
    }

    @Test
    void aVendorReviewIsCurrentUntilItsDateThenOverdue() {
        Rule rule = new VendorReviewCurrent();
        assertThat(judge(rule, vendor("high", "none", null, null, "2026-12-04")))
                .isEqualTo(Verdict.pass("the next review of vendor Acme Mail is due on 2026-12-04"));
        assertThat(judge(rule, vendor("high", "none", null, null, "2026-11-30"))).isEqualTo(Verdict.fail(
                "the review of vendor Acme Mail was due on 2026-11-30, 4 days overdue (register read on 2026-12-04)"));
        assertThat(judge(rule, vendor("low", "none", null, null, "2028-01-01")).outcome()).isEqualTo(Outcome.FAIL);
        assertThat(judge(rule, vendor("low", "none", null, null, "2027-12-05")).outcome()).isEqualTo(Outcome.PASS);
        Map<String, Object> retired = vendor("high", "none", null, null, "2020-01-01");
        retired.put("retired", true);
        assertThat(judge(rule, retired).outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        Map<String, Object> noDate = vendor("high", "none", null, null, null);
        assertThat(judge(rule, noDate).outcome()).isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void aVendorThatMattersNeedsAReportWhosePeriodEndedWithinAYear() {
        Rule rule = new VendorReportOnFile();
        assertThat(judge(rule, vendor("low", "none", null, null, "2027-01-01")))
                .isEqualTo(Verdict.notApplicable("vendor Acme Mail is low and receives no data"));
        assertThat(judge(rule, vendor("low", "customer e-mail addresses", null, null, "2027-01-01")))
                .isEqualTo(Verdict.fail("vendor Acme Mail (low, receives customer e-mail addresses) has no SOC 2 or "
                        + "ISO 27001 report on file with its period end"));
        assertThat(judge(rule, vendor("critical", "none", "soc2-type2", "2026-06-30", "2027-01-01")))
                .isEqualTo(Verdict.pass("vendor Acme Mail has a soc2-type2 report for a period ending 2026-06-30"));
        assertThat(judge(rule, vendor("critical", "none", "soc2-type2", "2025-12-04", "2027-01-01")))
                .isEqualTo(Verdict.fail("the soc2-type2 report of vendor Acme Mail covers a period that ended on "
                        + "2025-12-04, 365 days ago (at most 365)"));
        assertThat(judge(rule, vendor("high", "none", "soc2-type2", "2025-12-05", "2027-01-01")).outcome())
                .isEqualTo(Outcome.PASS);
        assertThat(judge(rule, vendor("high", "none", "questionnaire", "2026-10-01", "2027-01-01")).outcome())
                .isEqualTo(Outcome.FAIL);
    }

    @Test
    void everyRiskIsReviewedWithinAYearAndRa03JudgesOnlyComplianceRisks() {
        Rule all = new RiskReviewedInWindow();
        Rule compliance = new ComplianceRiskReviewedInWindow();
        assertThat(judge(all, risk("fraud", "2026-01-15")))
                .isEqualTo(Verdict.pass("risk R-1 (Payroll fraud) reviewed on 2026-01-15, owner cfo, treatment mitigate"));
        assertThat(judge(all, risk("fraud", "2025-12-04"))).isEqualTo(Verdict.fail(
                "risk R-1 (Payroll fraud) was last reviewed on 2025-12-04, 365 days ago (at most 365)"));
        assertThat(judge(all, risk("fraud", null)))
                .isEqualTo(Verdict.fail("risk R-1 (Payroll fraud) has never been reviewed"));
        assertThat(judge(compliance, risk("fraud", null)))
                .isEqualTo(Verdict.notApplicable("risk R-1 (Payroll fraud) is a fraud risk"));
        assertThat(judge(compliance, risk("regulatory", null)).outcome()).isEqualTo(Outcome.FAIL);
        assertThat(judge(compliance, risk("vendor", "2026-11-01")).outcome()).isEqualTo(Outcome.PASS);
        Map<String, Object> ownerless = risk("fraud", "2026-11-01");
        ownerless.remove("owner");
        assertThat(judge(all, ownerless).outcome()).isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void aClosedIncidentIsReviewedByTheEndOfTheMonthAfterItClosed() {
        Rule rule = new ClosedIncidentReviewed();
        assertThat(judge(rule, incident("high", "2026-11-20", null, null, null, null)).outcome())
                .isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(judge(rule, incident("high", "2026-10-01", "2026-10-03", "x", "none", null))).isEqualTo(Verdict.fail(
                "incident INC-7 (Leaked API key) closed on 2026-10-03 and was not reviewed; its monthly review was due "
                        + "by 2026-11-30, 4 days ago"));
        assertThat(judge(rule, incident("high", "2026-11-01", "2026-11-03", "x", "none", null))).isEqualTo(
                Verdict.pass("incident INC-7 (Leaked API key) closed on 2026-11-03; its monthly review is due by 2026-12-31"));
        assertThat(judge(rule, incident("high", "2026-10-01", "2026-10-03", "x", "none", "2026-11-05")).outcome())
                .isEqualTo(Outcome.PASS);
        assertThat(judge(rule, incident("high", "2026-10-01", "2026-10-03", "x", "none", "2026-10-02")).outcome())
                .isEqualTo(Outcome.FAIL);
    }

    @Test
    void aSignificantClosedIncidentRecordsItsRootCause() {
        Rule rule = new IncidentRootCauseRecorded();
        assertThat(judge(rule, incident("low", "2026-11-01", "2026-11-02", null, "none", null)).outcome())
                .isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(judge(rule, incident("critical", "2026-11-01", null, null, "none", null)).outcome())
                .isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(judge(rule, incident("critical", "2026-11-01", "2026-11-02", " ", "none", null))).isEqualTo(
                Verdict.fail("incident INC-7 (Leaked API key), critical, closed without a root cause"));
        assertThat(judge(rule, incident("high", "2026-11-01", "2026-11-02", "key in a log line", "none", null))
                .outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void everyIncidentIsEvaluatedForDisclosureWithinThreeDays() {
        Rule rule = new IncidentDisclosureEvaluated();
        assertThat(judge(rule, incident("low", "2026-12-01", null, null, null, null))).isEqualTo(Verdict.pass(
                "incident INC-7 (Leaked API key) opened on 2026-12-01; its disclosure evaluation is due by 2026-12-04"));
        assertThat(judge(rule, incident("low", "2026-11-30", null, null, null, null))).isEqualTo(Verdict.fail(
                "incident INC-7 (Leaked API key), opened on 2026-11-30, has no disclosure evaluation; it was due by "
                        + "2026-12-03"));
        assertThat(judge(rule, incident("low", "2026-12-03", "2026-12-03", null, null, null)).outcome())
                .isEqualTo(Outcome.FAIL);
        assertThat(judge(rule, incident("low", "2026-11-01", "2026-11-02", null, "no personal data disclosed", null)))
                .isEqualTo(Verdict.pass("incident INC-7 (Leaked API key) was evaluated for disclosure: "
                        + "no personal data disclosed"));
    }
}
