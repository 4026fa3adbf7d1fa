package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Outcome;
import dev.vigil.evaluator.domain.Verdict;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** LS-25's Google 2-Step Verification rule on facts shaped as google-workspace-users publishes them. */
class GoogleTwoStepVerificationEnforcedTest {

    /** The sandbox's root unit: enforced since 1 March 2025. */
    private static Map<String, Object> root() {
        Map<String, Object> facts = new HashMap<>();
        facts.put("policyName", "policies/ahv4hg7qc24kvaghb7zi2sv0root");
        facts.put("policyType", "ADMIN");
        facts.put("orgUnit", "orgUnits/03ph8a2z1enx5rc");
        facts.put("group", null);
        facts.put("enforcedFrom", "2025-03-01T00:00:00Z");
        facts.put("observedAt", "2026-12-04T12:00:00Z");
        return facts;
    }

    private static Verdict judge(Map<String, Object> facts) {
        return new GoogleTwoStepVerificationEnforced().evaluate(new Facts(facts));
    }

    @Test
    void enforcementStartedBeforeTheReadPasses() {
        assertThat(judge(root())).isEqualTo(Verdict.pass("2-Step Verification policy of organisational unit "
                + "orgUnits/03ph8a2z1enx5rc enforces it since 2025-03-01T00:00:00Z"));
    }

    @Test
    void noStartOrAStartToComeIsNoEnforcement() {
        Map<String, Object> none = root();
        none.put("enforcedFrom", null);
        assertThat(judge(none)).isEqualTo(Verdict.fail("2-Step Verification policy of organisational unit "
                + "orgUnits/03ph8a2z1enx5rc does not enforce it (no enforcement start)"));
        Map<String, Object> later = root();
        later.put("orgUnit", null);
        later.put("group", "groups/03x8tuzt2dkdtsf");
        later.put("enforcedFrom", "2027-01-15T00:00:00Z");
        assertThat(judge(later)).isEqualTo(Verdict.fail("2-Step Verification policy of group groups/03x8tuzt2dkdtsf "
                + "enforces it only from 2027-01-15T00:00:00Z"));
    }

    @Test
    void anUnreadableTimeOrAMissingFactIsUnknown() {
        Map<String, Object> garbled = root();
        garbled.put("enforcedFrom", "soon");
        assertThat(judge(garbled).outcome()).isEqualTo(Outcome.UNKNOWN);
        Map<String, Object> unread = root();
        unread.remove("enforcedFrom");
        assertThat(judge(unread).outcome()).isEqualTo(Outcome.UNKNOWN);
    }
}
