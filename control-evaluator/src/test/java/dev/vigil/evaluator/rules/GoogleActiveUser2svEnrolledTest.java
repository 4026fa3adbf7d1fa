package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Outcome;
import dev.vigil.evaluator.domain.Verdict;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GoogleActiveUser2svEnrolledTest {
    static Verdict judge(Map<String, Object> overrides) {
        Map<String, Object> f = new HashMap<>(Map.of("email", "ivan.petrov@acme-demo.com", "suspended", false,
                "archived", false, "twoStepEnrolled", true, "twoStepEnforced", false));
        f.putAll(overrides);
        return new GoogleActiveUser2svEnrolled().evaluate(new Facts(f));
    }

    @Test
    void enrolledPassesAndSaysWhetherItIsEnforced() {
        assertThat(judge(Map.of())).isEqualTo(Verdict.pass(
                "ivan.petrov@acme-demo.com is enrolled in 2-Step Verification (not enforced for their organisational unit)"));
        assertThat(judge(Map.of("twoStepEnforced", true)).reason()).endsWith(", enforced");
    }

    @Test
    void notEnrolledFailsAndSuspendedIsOutOfScope() {
        assertThat(judge(Map.of("twoStepEnrolled", false)).outcome()).isEqualTo(Outcome.FAIL);
        assertThat(judge(Map.of("twoStepEnrolled", false, "suspended", true)).outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void unknownEnrolmentIsUnknownNeverAPass() {
        Map<String, Object> f = new HashMap<>(Map.of("email", "x@acme-demo.com", "suspended", false, "archived", false));
        f.put("twoStepEnrolled", null);
        assertThat(new GoogleActiveUser2svEnrolled().evaluate(new Facts(f)).outcome()).isEqualTo(Outcome.UNKNOWN);
    }
}
