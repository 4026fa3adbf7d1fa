package dev.vigil.evaluator.rules;

import dev.vigil.common.evidence.CampaignEvidence;
import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Outcome;
import dev.vigil.evaluator.domain.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CampaignRulesTest {
    static final LocalDate OPENED = LocalDate.parse("2026-10-01");
    static final LocalDate DUE = LocalDate.parse("2026-12-31");
    final CampaignCompletedInWindow rule = new CampaignCompletedInWindow.Cm01();

    static Map<String, Object> item(String state) {
        return Map.of("itemId", "1", "state", state, "decidedBy", "carol");
    }

    /** The facts exactly as report-service publishes them. */
    static Verdict judge(CampaignCompletedInWindow rule, LocalDate completedOn, String supersededBy, LocalDate observedOn,
                         String... states) {
        CampaignEvidence.Campaign campaign = new CampaignEvidence.Campaign("CM-01", "c-1", 3, OPENED, DUE, completedOn,
                "alice", supersededBy, List.of(states).stream().map(CampaignRulesTest::item).toList(), "ab".repeat(32));
        return rule.evaluate(new Facts(CampaignEvidence.event(campaign, observedOn, Instant.parse("2026-12-01T00:00:00Z"),
                "run", "test").facts()));
    }

    @Test
    void judgesTheControlsOwnCampaigns() {
        assertThat(rule.id()).isEqualTo("review.cm-01-campaign-completed-in-window");
        assertThat(rule.resourceType()).isEqualTo(CampaignEvidence.resourceType("CM-01")).isEqualTo("review.cm-01");
        assertThat(new CampaignCompletedInWindow.Ls10().resourceType()).isEqualTo("review.ls-10");
    }

    @Test
    void aCampaignCompletedInItsWindowPassesNamingWhatWasDecided() {
        Verdict v = judge(rule, LocalDate.parse("2026-12-31"), null, LocalDate.parse("2027-01-02"),
                "kept", "revoked-confirmed", "kept");
        assertThat(v.outcome()).isEqualTo(Outcome.PASS);
        assertThat(v.reason()).isEqualTo("access review c-1 of CM-01 opened on 2026-10-01 was completed on 2026-12-31 "
                + "(due 2026-12-31): 3 access(es) reviewed, 2 kept, 1 revoked and confirmed gone");
    }

    @Test
    void anOpenCampaignIsInProgressThroughItsLastDayAndOverdueTheDayAfter() {
        assertThat(judge(rule, null, null, DUE, "pending").outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        Verdict overdue = judge(rule, null, null, LocalDate.parse("2027-01-01"), "pending", "revoke-requested", "kept");
        assertThat(overdue.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(overdue.reason()).isEqualTo("access review c-1 of CM-01 was due on 2026-12-31, 1 days overdue "
                + "(read on 2027-01-01): 1 of 3 access(es) not decided, 1 revoke(s) not yet confirmed gone by a collection");
    }

    @Test
    void aLateCompletionPassesSayingHowLateAndASupersededCampaignNoLongerCounts() {
        assertThat(judge(rule, LocalDate.parse("2027-01-05"), null, LocalDate.parse("2027-01-06"), "kept").reason())
                .contains("completed on 2027-01-05, 5 days after it was due on 2026-12-31");
        assertThat(judge(rule, null, "c-2", LocalDate.parse("2027-03-01"), "pending").outcome())
                .isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void aCampaignWithoutItsWindowIsUnknownNeverAPass() {
        assertThat(rule.evaluate(new Facts(Map.of("campaignId", "c-1", "observedOn", "2026-12-01"))).outcome())
                .isEqualTo(Outcome.UNKNOWN);
    }
}
