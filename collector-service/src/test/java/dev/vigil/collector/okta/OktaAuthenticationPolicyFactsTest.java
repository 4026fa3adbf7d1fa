package dev.vigil.collector.okta;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.testing.Facts;
import dev.vigil.collector.testing.Fixtures;
import dev.vigil.common.evidence.EventCodec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Okta's authentication policies ({@code GET /api/v1/policies?type=ACCESS_POLICY}, Identity Engine) and their rules,
 * in the shapes of its Policy API reference, to facts: an Identity Engine org whose global session rule leaves the
 * second factor to the apps ({@code requireFactor} false, {@code primaryFactor} PASSWORD_IDP_ANY_FACTOR), and whose
 * default authentication policy's catch-all rule asks for one factor.
 */
@SuppressWarnings("unchecked") // facts are JSON-shaped maps and lists
class OktaAuthenticationPolicyFactsTest {

    @Test
    void theDefaultPolicyKeepsEachRulesFactorsInPriorityOrderAndWhatTheSessionAsked() throws IOException {
        Boolean sessionAsked = OktaSignOnPolicyFacts.everySessionRequiresSecondFactor(
                List.of(list(Fixtures.bytes(OktaSignOnPolicyFactsTest.class, "identity-engine-rules.json"))), true);
        Map<String, Object> facts = OktaAuthenticationPolicyFacts.of(policy(0), rules("default-policy-rules.json"),
                sessionAsked);
        assertThat(facts).isEqualTo(Facts.of(
                "policyId", "rst1oiedefault000001",
                "name", "Default Policy",
                "status", "ACTIVE",
                "default", true,
                "priority", 1,
                // authentication policies take no conditions of their own: their rules hold them
                "groupsIncluded", null,
                // the global session rule lets people in without requiring a factor of its own
                "globalSessionRequiresSecondFactor", false,
                "rules", List.of(
                        Facts.of("ruleId", "rul1oiecontractors01", "name", "Contractors off the office network",
                                "status", "ACTIVE", "priority", 0, "default", false, "network", "ZONE",
                                "usersExcluded", List.of("00u1oiebreakglass001"), "access", "ALLOW",
                                "factorMode", "2FA", "verificationType", "ASSURANCE", "reauthenticateIn", "PT2H"),
                        Facts.of("ruleId", "rul1oiecatchall00001", "name", "Catch-all Rule", "status", "ACTIVE",
                                "priority", 1, "default", true, "network", null, "usersExcluded", null,
                                "access", "ALLOW", "factorMode", "1FA", "verificationType", "ASSURANCE",
                                "reauthenticateIn", "PT12H"))));
    }

    @Test
    void aChainOfAuthenticationMethodsStatesNoFactorModeAndADenyingRuleNoVerification() throws IOException {
        Map<String, Object> facts = OktaAuthenticationPolicyFacts.of(policy(1), rules("admin-apps-rules.json"), null);
        assertThat(facts).containsEntry("default", false).containsEntry("globalSessionRequiresSecondFactor", null);
        List<Map<String, Object>> rules = (List<Map<String, Object>>) facts.get("rules");
        assertThat(rules.get(0)).containsEntry("verificationType", "AUTH_METHOD_CHAIN")
                .containsEntry("factorMode", null).containsEntry("reauthenticateIn", null);
        assertThat(rules.get(1)).containsEntry("default", true).containsEntry("access", "DENY")
                .containsEntry("verificationType", null).containsEntry("factorMode", null);
    }

    @Test
    void settingsOktaDidNotStateAreNull() {
        JsonNode bare = EventCodec.mapper().createObjectNode().put("id", "rul1bare").put("status", "ACTIVE");
        Map<String, Object> facts = OktaAuthenticationPolicyFacts.of(
                EventCodec.mapper().createObjectNode().put("id", "rst1bare"), List.of(bare), Boolean.TRUE);
        assertThat(facts).containsEntry("status", null).containsEntry("globalSessionRequiresSecondFactor", true);
        assertThat((List<Map<String, Object>>) facts.get("rules")).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("access", null).containsEntry("factorMode", null).containsEntry("default", null)
                .containsEntry("priority", null).containsEntry("usersExcluded", null));
    }

    private static JsonNode policy(int index) throws IOException {
        return EventCodec.mapper().readTree(Fixtures.bytes(OktaAuthenticationPolicyFactsTest.class,
                "authentication-policies.json")).get(index);
    }

    private static List<JsonNode> rules(String fixture) throws IOException {
        return list(Fixtures.bytes(OktaAuthenticationPolicyFactsTest.class, fixture));
    }

    static List<JsonNode> list(byte[] json) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        EventCodec.mapper().readTree(json).forEach(nodes::add);
        return nodes;
    }
}
