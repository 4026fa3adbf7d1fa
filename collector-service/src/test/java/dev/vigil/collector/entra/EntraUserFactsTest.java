package dev.vigil.collector.entra;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.testing.Fixtures;
import dev.vigil.common.evidence.EventCodec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Recorded Microsoft Graph users and registration details to facts. */
class EntraUserFactsTest {
    static JsonNode json(String name) throws IOException {
        return EventCodec.mapper().readTree(Fixtures.text(EntraUserFactsTest.class, name));
    }

    @Test
    void aGuestWithoutMailIsMatchedByItsPrincipalNameInLowerCase() throws IOException {
        Map<String, Object> facts = EntraUserFacts.of(json("user-guest-no-mail.json"), json("registration-sms-only.json"));
        assertThat(facts)
                .containsEntry("email", "hana.contractor_example.org#ext#@acmedemo.onmicrosoft.com")
                .containsEntry("userType", "Guest")
                .containsEntry("accountEnabled", true)
                .containsEntry("registrationKnown", true)
                .containsEntry("mfaRegistered", true)
                .containsEntry("admin", false)
                .containsEntry("methodsRegistered", List.of("mobilePhone"))
                .containsEntry("lastSignInAt", null); // no signInActivity: never signed in, or not licensed to say
    }

    @Test
    void withoutRegistrationDetailsMfaIsUnknownNotFalse() throws IOException {
        Map<String, Object> facts = EntraUserFacts.of(json("user-guest-no-mail.json"), null);
        assertThat(facts).containsEntry("registrationKnown", false).containsEntry("mfaRegistered", null)
                .containsEntry("admin", null).containsEntry("methodsRegistered", List.of());
    }

    @Test
    void theExpandedManagerIsNamedByMailElseByPrincipalNameInLowerCase() throws IOException {
        assertThat(EntraUserFacts.of(json("user-with-manager.json"), null))
                .containsEntry("manager", "lee.chen@acme-demo.com");
        assertThat(EntraUserFacts.of(json("user-guest-no-mail.json"), null)).containsEntry("manager", null);
    }
}
