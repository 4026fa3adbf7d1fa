package dev.vigil.collector.events.okta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.spi.Target;
import dev.vigil.collector.testing.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Okta event hook deliveries (fixtures beside this class, built on Okta's documented delivery and System Log event
 * shapes) and the users they name for {@code okta-user-mfa}.
 */
class OktaEventTargetsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Target ALICE = user("00ualice000demo00001");
    static final Target BOB = user("00ubob00000demo00002");
    static final Target CAROL = user("00ucarol000demo00003");
    static final Target DAVE = user("00udave0000demo00004");

    static Target user(String id) {
        return new Target("okta-user-mfa", "user", id);
    }

    static JsonNode events(String fixture) throws IOException {
        return JSON.readTree(Fixtures.bytes(OktaEventTargetsTest.class, fixture)).path("data").path("events");
    }

    static OktaEventTargets.Mapped map(String fixture) throws IOException {
        return OktaEventTargets.of(events(fixture));
    }

    @Test
    void aFactorDeactivatedReadsThatUser() throws IOException {
        OktaEventTargets.Mapped mapped = map("user.mfa.factor.deactivate.json");
        assertThat(mapped.targets()).containsExactly(BOB);
        assertThat(mapped.eventType()).isEqualTo("user.mfa.factor.deactivate");
        assertThat(mapped.ignoredBecause()).isNull();
    }

    @Test
    void everyFamilyReadsTheUserItNames() throws IOException {
        assertThat(map("user.mfa.factor.reset_all.json").targets()).containsExactly(CAROL);
        assertThat(map("user.lifecycle.deactivate.json").targets()).containsExactly(DAVE);
        assertThat(map("user.account.privilege.grant.json").targets()).containsExactly(CAROL);
        assertThat(map("user.account.update_profile.json").targets()).containsExactly(BOB);
        // the group is a target too, but only the user is read: the roles a group grants show in the user's roles
        OktaEventTargets.Mapped membership = map("group.user_membership.add.json");
        assertThat(membership.targets()).containsExactly(BOB);
        assertThat(membership.eventType()).isEqualTo("group.user_membership.add");
    }

    /** Each documented type of the families, on the recorded factor event with only its type changed. */
    @ParameterizedTest
    @ValueSource(strings = {"user.lifecycle.create", "user.lifecycle.activate", "user.lifecycle.reactivate",
            "user.lifecycle.deactivate", "user.lifecycle.suspend", "user.lifecycle.unsuspend",
            "user.lifecycle.delete.initiated", "user.lifecycle.delete.completed", "user.mfa.factor.activate",
            "user.mfa.factor.deactivate", "user.mfa.factor.reset_all", "user.mfa.factor.update",
            "user.account.privilege.grant", "user.account.privilege.revoke", "group.user_membership.add",
            "group.user_membership.remove", "user.account.update_profile"})
    void eachEventTypeThatCanChangeAUsersFactsReadsTheUser(String type) throws IOException {
        JsonNode events = events("user.mfa.factor.deactivate.json");
        ((ObjectNode) events.get(0)).put("eventType", type);
        OktaEventTargets.Mapped mapped = OktaEventTargets.of(events);
        assertThat(mapped.targets()).containsExactly(BOB);
        assertThat(mapped.eventType()).isEqualTo(type);
    }

    @ParameterizedTest
    @ValueSource(strings = {"user.session.start", "user.account.update_password", "user.authentication.sso",
            "group.privilege.grant", "application.user_membership.add", "user.mfa.attempt_bypass", "user.lifecycle"})
    void otherEventTypesAreIgnored(String type) throws IOException {
        JsonNode events = events("user.mfa.factor.deactivate.json");
        ((ObjectNode) events.get(0)).put("eventType", type);
        OktaEventTargets.Mapped mapped = OktaEventTargets.of(events);
        assertThat(mapped.targets()).isEmpty();
        assertThat(mapped.eventType()).isEqualTo(type);
        assertThat(mapped.ignoredBecause()).isEqualTo("no event Vigil reads anything again for");
    }

    /** LS-25: a policy or a rule changed; the event's target is the policy and its rule, and every policy is read. */
    @ParameterizedTest
    @ValueSource(strings = {"policy.lifecycle.create", "policy.lifecycle.update", "policy.lifecycle.activate",
            "policy.lifecycle.deactivate", "policy.lifecycle.delete", "policy.rule.add", "policy.rule.update",
            "policy.rule.activate", "policy.rule.deactivate", "policy.rule.delete"})
    void aPolicyOrRuleChangedReadsTheOrgsPolicies(String type) throws IOException {
        JsonNode events = events("policy.rule.update.json");
        ((ObjectNode) events.get(0)).put("eventType", type);
        OktaEventTargets.Mapped mapped = OktaEventTargets.of(events);
        assertThat(mapped.targets()).containsExactly(new Target("okta-user-mfa", "policies", "all"));
        assertThat(mapped.eventType()).isEqualTo(type);
    }

    @Test
    void aSignOnEvaluationIsNoChangeOfPolicy() throws IOException {
        JsonNode events = events("policy.rule.update.json");
        ((ObjectNode) events.get(0)).put("eventType", "policy.evaluate_sign_on");
        assertThat(OktaEventTargets.of(events).targets()).isEmpty();
    }

    @Test
    void oktasDocumentedSampleDeliveryASignInIsIgnored() throws IOException {
        OktaEventTargets.Mapped mapped = map("user.session.start.json");
        assertThat(mapped.targets()).isEmpty();
        assertThat(mapped.eventType()).isEqualTo("user.session.start");
        assertThat(mapped.ignoredBecause()).isNotNull();
    }

    @Test
    void aDeliveryOfSeveralEventsReadsEachUserOnceAndNamesTheEventsThatNamedThem() throws IOException {
        OktaEventTargets.Mapped mapped = map("several-events.json");
        // bob is suspended and loses a factor: read once; the sign-in between names nobody
        assertThat(mapped.targets()).containsExactly(BOB, CAROL);
        assertThat(mapped.eventType()).isEqualTo("user.lifecycle.suspend,user.mfa.factor.deactivate");
    }

    @Test
    void onlyTargetsOfTypeUserWithAnOktaIdAreRead() throws IOException {
        JsonNode events = events("group.user_membership.add.json");
        ObjectNode bob = (ObjectNode) events.get(0).get("target").get(0);
        bob.put("id", "../../api/v1/groups");
        OktaEventTargets.Mapped mapped = OktaEventTargets.of(events);
        assertThat(mapped.targets()).isEmpty();
        assertThat(mapped.ignoredBecause()).isEqualTo("its events name no user");
        bob.put("id", "00ualice000demo00001").put("type", "AppUser");
        assertThat(OktaEventTargets.of(events).targets()).isEmpty();
        bob.put("type", "User");
        assertThat(OktaEventTargets.of(events).targets()).containsExactly(ALICE);
    }
}
