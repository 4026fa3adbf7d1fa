package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Outcome;
import dev.vigil.evaluator.domain.Verdict;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EntraActiveUserMfaRegisteredTest {
    static Map<String, Object> user(Map<String, Object> overrides) {
        Map<String, Object> f = new HashMap<>();
        f.put("userPrincipalName", "erik.novak@acme-demo.com");
        f.put("accountEnabled", true);
        f.put("registrationKnown", true);
        f.put("mfaRegistered", true);
        f.put("methodsRegistered", List.of("softwareOneTimePasscode"));
        f.putAll(overrides);
        return f;
    }

    static Verdict judge(Map<String, Object> facts) {
        return new EntraActiveUserMfaRegistered().evaluate(new Facts(facts));
    }

    @Test
    void anEnabledAccountWithAMethodRegisteredPasses() {
        Verdict v = judge(user(Map.of()));
        assertThat(v.outcome()).isEqualTo(Outcome.PASS);
        assertThat(v.reason()).isEqualTo("erik.novak@acme-demo.com has registered softwareOneTimePasscode");
    }

    @Test
    void anEnabledAccountWithoutMfaFails() {
        Verdict v = judge(user(Map.of("mfaRegistered", false, "methodsRegistered", List.of())));
        assertThat(v.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(v.reason()).isEqualTo("erik.novak@acme-demo.com can sign in but has no multi-factor method registered");
    }

    @Test
    void aDisabledAccountIsOutOfScope() {
        assertThat(judge(user(Map.of("accountEnabled", false, "mfaRegistered", false))).outcome())
                .isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void missingRegistrationDetailsAreUnknownNeverAPass() {
        Map<String, Object> facts = user(Map.of("registrationKnown", false));
        facts.put("mfaRegistered", null);
        Verdict v = judge(facts);
        assertThat(v.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(v.reason()).contains("no authentication-method registration details");

        Map<String, Object> noFact = user(Map.of());
        noFact.remove("accountEnabled");
        assertThat(judge(noFact).outcome()).isEqualTo(Outcome.UNKNOWN);
    }
}
