package dev.vigil.collector.google;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.testing.Fixtures;
import dev.vigil.common.evidence.EventCodec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Recorded Admin SDK Directory users to facts. */
class GoogleUserFactsTest {
    static JsonNode json(String name) throws IOException {
        return EventCodec.mapper().readTree(Fixtures.text(GoogleUserFactsTest.class, name));
    }

    @Test
    void aSuspendedUserWhoNeverLoggedInHasNoLastLogin() throws IOException {
        Map<String, Object> facts = GoogleUserFacts.of(json("users-suspended-never-logged-in.json").path("users").get(0));
        assertThat(facts).containsEntry("email", "jules.martin@acme-demo.com").containsEntry("suspended", true)
                .containsEntry("archived", false).containsEntry("twoStepEnrolled", false)
                .containsEntry("lastLoginAt", null).containsEntry("createdAt", "2025-02-17T09:00:00.000Z")
                .containsEntry("admin", false);
    }

    @Test
    void missing2svFieldsAreUnknownNotFalseAndTheAddressIsLowerCase() throws IOException {
        Map<String, Object> facts = GoogleUserFacts.of(json("user-no-2sv-fields.json"));
        assertThat(facts).containsEntry("email", "legacy.admin@acme-demo.com").containsEntry("admin", true)
                .containsEntry("delegatedAdmin", true).containsEntry("twoStepEnrolled", null)
                .containsEntry("twoStepEnforced", null).containsEntry("archived", false);
    }

    @Test
    void theManagerIsTheRelationOfTypeManagerInLowerCaseAndOtherRelationsAreNotFacts() throws IOException {
        Map<String, Object> facts = GoogleUserFacts.of(json("user-with-relations.json"));
        assertThat(facts).containsEntry("manager", "lee.chen@acme-demo.com");
        assertThat(facts.values()).doesNotContain("Robin Ortiz", "pat.admin@acme-demo.com");
        assertThat(GoogleUserFacts.of(json("user-no-2sv-fields.json"))).containsEntry("manager", null);
    }
}
