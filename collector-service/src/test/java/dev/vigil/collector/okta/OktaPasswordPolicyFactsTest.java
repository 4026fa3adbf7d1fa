package dev.vigil.collector.okta;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.testing.Facts;
import dev.vigil.collector.testing.Fixtures;
import dev.vigil.common.evidence.EventCodec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Okta's password policies ({@code GET /api/v1/policies?type=PASSWORD}, as its API reference shows them) to facts. */
class OktaPasswordPolicyFactsTest {

    @Test
    void aGroupPolicyWithEverySettingStated() throws IOException {
        assertThat(OktaPasswordPolicyFacts.of(policy(0))).isEqualTo(Facts.of(
                "policyId", "00p1contractorsPol01",
                "name", "Contractors",
                "status", "ACTIVE",
                "default", false,
                "priority", 1,
                "groupsIncluded", List.of("00g1contractors00001"),
                "provider", "OKTA",
                "minLength", 8,
                "minLowerCase", 1,
                "minUpperCase", 1,
                "minNumber", 1,
                "minSymbol", 0,
                "excludeUsername", true,
                "excludeCommonPasswords", false,
                "maxAgeDays", 90,
                "historyCount", 5,
                "minAgeMinutes", 60,
                "lockoutMaxAttempts", 0,
                "lockoutAutoUnlockMinutes", 0));
    }

    @Test
    void aDirectorySourcedPolicySaysWhoHoldsThePasswords() throws IOException {
        assertThat(OktaPasswordPolicyFacts.of(policy(1))).containsEntry("provider", "ACTIVE_DIRECTORY")
                .containsEntry("default", false);
    }

    @Test
    void settingsOktaDidNotStateAreNullNeverADefault() throws IOException {
        Map<String, Object> facts = OktaPasswordPolicyFacts.of(policy(3));
        assertThat(facts).containsEntry("default", true).containsEntry("minLength", 14)
                .containsEntry("excludeUsername", true)
                .containsEntry("excludeCommonPasswords", null)
                .containsEntry("lockoutMaxAttempts", null)
                .containsEntry("lockoutAutoUnlockMinutes", null);
        // the free-text description is no fact
        assertThat(facts).doesNotContainKey("description");
    }

    @Test
    void onlyActivePoliciesGovernAnyone() throws IOException {
        assertThat(List.of(policy(0), policy(1), policy(2), policy(3)))
                .extracting(OktaPolicyFacts::active).containsExactly(true, true, false, true);
    }

    @Test
    void aPolicyWithoutConditionsHasNoGroupsStatedRatherThanNone() {
        Map<String, Object> facts = OktaPasswordPolicyFacts.of(EventCodec.mapper().createObjectNode()
                .put("id", "00p1bare").put("status", "ACTIVE"));
        assertThat(facts).containsEntry("groupsIncluded", null).containsEntry("provider", null)
                .containsEntry("minLength", null);
    }

    private static JsonNode policy(int index) throws IOException {
        return EventCodec.mapper().readTree(Fixtures.bytes(OktaPasswordPolicyFactsTest.class, "password-policies.json"))
                .get(index);
    }
}
