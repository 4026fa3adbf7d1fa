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

/** Recorded Okta API v1 responses (users page, user factors) and role types to facts. */
class OktaUserFactsTest {

    @Test
    void userWithPushAndTotp() throws IOException {
        assertThat(facts("users-page-1.json", 0, "factors-alice.json", List.of("SUPER_ADMIN"))).isEqualTo(Facts.of(
                "login", "alice@acme-demo.example",
                "email", "alice@acme-demo.example",
                "status", "ACTIVE",
                "statusChanged", "2024-01-15T09:05:00.000Z",
                "lastLogin", "2026-11-20T08:12:44.000Z",
                "factors", List.of(
                        Map.of("factorType", "push", "provider", "OKTA", "status", "ACTIVE"),
                        Map.of("factorType", "token:software:totp", "provider", "GOOGLE", "status", "ACTIVE")),
                "adminRoles", List.of("SUPER_ADMIN")));
    }

    @Test
    void factorProfilesAreLeftOut() throws IOException {
        Map<String, Object> facts = facts("users-page-1.json", 1, "factors-bob.json", List.of("ORG_ADMIN"));
        assertThat(facts.get("factors")).isEqualTo(List.of(
                Map.of("factorType", "webauthn", "provider", "FIDO", "status", "ACTIVE")));
        assertThat(facts.toString()).doesNotContain("YubiKey").doesNotContain("credentialId");
    }

    @Test
    void suspendedUserWhoNeverLoggedInAndHasNoFactors() throws IOException {
        assertThat(facts("users-page-2.json", 1, "factors-dave.json", List.of())).isEqualTo(Facts.of(
                "login", "dave@acme-demo.example",
                "email", "dave@acme-demo.example",
                "status", "SUSPENDED",
                "statusChanged", "2026-09-30T15:00:00.000Z",
                "lastLogin", null,
                "factors", List.of(),
                "adminRoles", List.of()));
    }

    @Test
    void rolesThatCouldNotBeReadStayUnknownNotNone() throws IOException {
        Map<String, Object> facts = OktaUserFacts.of(json("users-page-1.json").get(1), json("factors-bob.json"), null);
        assertThat(facts).containsEntry("adminRoles", null);
    }

    private static Map<String, Object> facts(String page, int index, String factors, List<String> adminRoles)
            throws IOException {
        JsonNode users = json(page);
        return OktaUserFacts.of(users.get(index), json(factors), adminRoles);
    }

    private static JsonNode json(String fixture) throws IOException {
        return EventCodec.mapper().readTree(Fixtures.bytes(OktaUserFactsTest.class, fixture));
    }
}
