package dev.vigil.collector.google;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.common.evidence.EventCodec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A Cloud Identity password policy (its setting value is a protobuf Struct) to facts. */
class GooglePasswordPolicyFactsTest {

    private static JsonNode json(String text) throws IOException {
        return EventCodec.mapper().readTree(text);
    }

    @Test
    void aGroupPolicyWithStructNumbersAndAnExpiry() throws IOException {
        JsonNode policy = json("{\"name\":\"policies/abc123\",\"policyQuery\":{\"group\":\"groups/03x8\","
                + "\"query\":\"...\",\"sortOrder\":2},\"setting\":{\"type\":\"settings/security.password\","
                + "\"value\":{\"minimumLength\":12.0,\"maximumLength\":100,\"allowedStrength\":\"WEAK\","
                + "\"enforceRequirementsAtLogin\":true,\"allowReuse\":false,\"expirationDuration\":\"7776000s\"}},"
                + "\"type\":\"ADMIN\"}");
        assertThat(GooglePasswordPolicyFacts.isPasswordPolicy(policy)).isTrue();
        assertThat(GooglePasswordPolicyFacts.id(policy)).isEqualTo("abc123");
        Map<String, Object> facts = GooglePasswordPolicyFacts.of(policy);
        assertThat(facts).containsEntry("group", "groups/03x8").containsEntry("orgUnit", null)
                .containsEntry("minimumLength", 12).containsEntry("allowedStrength", "WEAK")
                .containsEntry("expirationDays", 90);
    }

    @Test
    void aTwoStepEnforcementPolicyKeepsItsStartAndWhenItWasRead() throws IOException {
        JsonNode policy = json("{\"name\":\"policies/2sv\",\"policyQuery\":{\"orgUnit\":\"orgUnits/03ph\"},"
                + "\"setting\":{\"type\":\"settings/security.two_step_verification_enforcement\",\"value\":"
                + "{\"enforcedFrom\":\"2025-03-01T00:00:00Z\"}},\"type\":\"ADMIN\"}");
        assertThat(GoogleTwoStepPolicyFacts.isTwoStepPolicy(policy)).isTrue();
        assertThat(GooglePasswordPolicyFacts.isPasswordPolicy(policy)).isFalse();
        assertThat(GoogleTwoStepPolicyFacts.of(policy, java.time.Instant.parse("2026-12-04T12:00:00Z")))
                .containsEntry("orgUnit", "orgUnits/03ph").containsEntry("group", null)
                .containsEntry("enforcedFrom", "2025-03-01T00:00:00Z")
                .containsEntry("observedAt", "2026-12-04T12:00:00Z");
        JsonNode off = json("{\"name\":\"policies/off\",\"setting\":{\"type\":"
                + "\"settings/security.two_step_verification_enforcement\",\"value\":{}}}");
        assertThat(GoogleTwoStepPolicyFacts.of(off, java.time.Instant.EPOCH)).containsEntry("enforcedFrom", null);
    }

    @Test
    void settingsTheApiDidNotStateAreNullAndOtherSettingsAreNotPasswordPolicies() throws IOException {
        JsonNode bare = json("{\"name\":\"policies/x\",\"setting\":{\"type\":\"settings/security.password\","
                + "\"value\":{\"minimumLength\":8.5}}}");
        assertThat(GooglePasswordPolicyFacts.of(bare)).containsEntry("minimumLength", null)
                .containsEntry("allowReuse", null).containsEntry("expirationDays", null)
                .containsEntry("policyType", null);
        assertThat(GooglePasswordPolicyFacts.isPasswordPolicy(json("{\"setting\":{\"type\":"
                + "\"settings/security.session_controls\"}}"))).isFalse();
    }
}
