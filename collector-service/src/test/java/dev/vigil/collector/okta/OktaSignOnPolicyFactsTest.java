package dev.vigil.collector.okta;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.testing.Fixtures;
import dev.vigil.common.evidence.EventCodec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Okta's sign-on policies and rules (shapes of its Policy API reference) to facts: unstated is null, not a default. */
@SuppressWarnings("unchecked") // facts are JSON-shaped maps and lists
class OktaSignOnPolicyFactsTest {

    private static JsonNode json(String text) throws IOException {
        return EventCodec.mapper().readTree(text);
    }

    @Test
    void aRuleSkippingMfaOnTheOfficeNetworkKeepsItsZoneAndExclusions() throws IOException {
        JsonNode policy = json("{\"id\":\"00p1\",\"status\":\"ACTIVE\",\"name\":\"Staff\",\"priority\":1,"
                + "\"system\":false,\"conditions\":{\"people\":{\"groups\":{\"include\":[\"00g1\"]}}},"
                + "\"type\":\"OKTA_SIGN_ON\"}");
        JsonNode rule = json("{\"id\":\"0pr1\",\"status\":\"ACTIVE\",\"name\":\"Office\",\"priority\":1,"
                + "\"system\":false,\"conditions\":{\"people\":{\"users\":{\"exclude\":[\"00u9\"]}},"
                + "\"network\":{\"connection\":\"ON_NETWORK\"}},\"actions\":{\"signon\":{\"access\":\"ALLOW\","
                + "\"requireFactor\":false,\"session\":{\"usePersistentCookie\":true,\"maxSessionIdleMinutes\":480,"
                + "\"maxSessionLifetimeMinutes\":0}}},\"type\":\"SIGN_ON\"}");
        Map<String, Object> facts = OktaSignOnPolicyFacts.of(policy, List.of(rule));
        assertThat(facts).containsEntry("policyId", "00p1").containsEntry("default", false)
                .containsEntry("groupsIncluded", List.of("00g1"));
        assertThat((List<Object>) facts.get("rules")).singleElement().satisfies(r -> assertThat((Map<String, Object>) r)
                .containsEntry("network", "ON_NETWORK").containsEntry("usersExcluded", List.of("00u9"))
                .containsEntry("requireFactor", false).containsEntry("factorPromptMode", null)
                .containsEntry("maxSessionLifetimeMinutes", 0).containsEntry("usePersistentCookie", true));
    }

    @Test
    void settingsOktaDidNotStateAreNull() throws IOException {
        JsonNode rule = json("{\"id\":\"0pr2\",\"status\":\"ACTIVE\",\"name\":\"Bare\",\"actions\":{}}");
        Map<String, Object> facts = OktaSignOnPolicyFacts.of(json("{\"id\":\"00p2\",\"status\":\"ACTIVE\"}"),
                List.of(rule));
        assertThat(facts).containsEntry("groupsIncluded", null).containsEntry("default", null);
        assertThat((List<Object>) facts.get("rules")).singleElement().satisfies(r -> assertThat((Map<String, Object>) r)
                .containsEntry("access", null).containsEntry("requireFactor", null).containsEntry("network", null)
                .containsEntry("usersExcluded", null).containsEntry("maxSessionIdleMinutes", null));
    }

    @Test
    void anIdentityEngineRuleStatesItsPrimaryFactorAndClassicEngineNone() throws IOException {
        List<JsonNode> identityEngine = identityEngineRules();
        Map<String, Object> facts = OktaSignOnPolicyFacts.of(json("{\"id\":\"00p3\",\"status\":\"ACTIVE\"}"),
                identityEngine);
        assertThat((List<Object>) facts.get("rules")).singleElement().satisfies(r -> assertThat((Map<String, Object>) r)
                .containsEntry("requireFactor", false).containsEntry("primaryFactor", "PASSWORD_IDP_ANY_FACTOR"));
        assertThat(OktaSignOnPolicyFacts.statesPrimaryFactor(identityEngine)).isTrue();
        JsonNode classic = json("{\"id\":\"0pr4\",\"status\":\"ACTIVE\",\"actions\":{\"signon\":"
                + "{\"access\":\"ALLOW\",\"requireFactor\":true}}}");
        assertThat((List<Object>) OktaSignOnPolicyFacts.of(json("{}"), List.of(classic)).get("rules")).singleElement()
                .satisfies(r -> assertThat((Map<String, Object>) r).containsEntry("primaryFactor", null));
        assertThat(OktaSignOnPolicyFacts.statesPrimaryFactor(List.of(classic))).isFalse();
    }

    @Test
    void everySessionAsksForASecondFactorOnlyWhenEveryActiveRuleLettingPeopleInRequiresOne() throws IOException {
        String rule = "{\"status\":\"%s\",\"actions\":{\"signon\":{\"access\":\"%s\",\"requireFactor\":%s}}}";
        JsonNode requires = json(rule.formatted("ACTIVE", "ALLOW", "true"));
        JsonNode denies = json(rule.formatted("ACTIVE", "DENY", "false"));
        JsonNode inactiveWithout = json(rule.formatted("INACTIVE", "ALLOW", "false"));
        JsonNode unstated = json(rule.formatted("ACTIVE", "ALLOW", "null"));
        assertThat(OktaSignOnPolicyFacts.everySessionRequiresSecondFactor(
                List.of(List.of(requires, denies, inactiveWithout), List.of(requires)), true)).isTrue();
        // the Identity Engine rule that leaves the second factor to the apps
        assertThat(OktaSignOnPolicyFacts.everySessionRequiresSecondFactor(
                List.of(List.of(requires), identityEngineRules()), true)).isFalse();
        assertThat(OktaSignOnPolicyFacts.everySessionRequiresSecondFactor(List.of(List.of(unstated, requires)), true))
                .isNull();
        // a policy whose rules were not read, or none read at all: not known
        assertThat(OktaSignOnPolicyFacts.everySessionRequiresSecondFactor(List.of(List.of(requires)), false)).isNull();
        assertThat(OktaSignOnPolicyFacts.everySessionRequiresSecondFactor(List.of(), true)).isNull();
        // a rule without a factor is known to open sessions on one factor whatever else is unknown
        assertThat(OktaSignOnPolicyFacts.everySessionRequiresSecondFactor(List.of(identityEngineRules()), false))
                .isFalse();
    }

    /** An Identity Engine org's global session rule: no factor of its own, the apps' authentication policies decide. */
    private static List<JsonNode> identityEngineRules() throws IOException {
        return OktaAuthenticationPolicyFactsTest.list(Fixtures.bytes(OktaSignOnPolicyFactsTest.class,
                "identity-engine-rules.json"));
    }
}
