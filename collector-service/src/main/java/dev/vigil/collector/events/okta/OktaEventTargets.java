package dev.vigil.collector.events.okta;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.spi.Target;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.vigil.collector.okta.OktaUserMfaCollector.NAME;
import static dev.vigil.collector.okta.OktaUserMfaCollector.POLICIES;
import static dev.vigil.collector.okta.OktaUserMfaCollector.TARGET_POLICIES;
import static dev.vigil.collector.okta.OktaUserMfaCollector.TARGET_USER;

/**
 * What a verified Okta event hook delivery names, for {@code okta-user-mfa} to read again: every user (a
 * {@code target} of type {@code User}) of every System Log event in {@code data.events} whose type can change a
 * user's facts (status, login and email, factors, administrator roles), and the org's policies when a policy or one
 * of its rules changed (LS-25: password, sign-on and authentication policies are read whole, since a rule's change
 * can move what the org's session policies say of every app). One delivery may hold several events and several
 * users; each user is read once, and the policies once.
 */
public final class OktaEventTargets {
    /** Event families by prefix: a user's status (created ... deleted) and its factors. */
    static final List<String> FAMILIES = List.of("user.lifecycle.", "user.mfa.factor.");
    /**
     * Single events: an administrator role granted or revoked, a group membership (roles can be assigned to a group,
     * and its members then hold them), the profile (login, email). Other {@code user.account.update_*} events
     * (password, recovery question) change no fact Vigil keeps.
     */
    /** A policy (any type) or one of its rules created, changed, switched on or off, or deleted. */
    static final List<String> POLICY_FAMILIES = List.of("policy.lifecycle.", "policy.rule.");
    static final Set<String> EVENTS = Set.of("user.account.privilege.grant", "user.account.privilege.revoke",
            "group.user_membership.add", "group.user_membership.remove", "user.account.update_profile");
    /** Okta's object ids: letters and digits (00u1qw6mqitPHM8AJ0g7). */
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9]{1,64}");

    /**
     * @param eventType the types of the events that name what is read (comma-separated, in delivery order), or of
     *                  all the delivery's events when nothing is read
     */
    public record Mapped(String eventType, List<Target> targets, String ignoredBecause) {
    }

    private OktaEventTargets() {
    }

    /** Whether Vigil reads anything again for this System Log event type. */
    public static boolean readsAgain(String eventType) {
        return EVENTS.contains(eventType) || FAMILIES.stream().anyMatch(eventType::startsWith)
                || changesPolicies(eventType);
    }

    private static boolean changesPolicies(String eventType) {
        return POLICY_FAMILIES.stream().anyMatch(eventType::startsWith);
    }

    /** @param events the delivery's {@code data.events} */
    public static Mapped of(JsonNode events) {
        Set<String> readFor = new LinkedHashSet<>();
        Set<String> all = new LinkedHashSet<>();
        Set<Target> targets = new LinkedHashSet<>();
        for (JsonNode event : events) {
            String type = event.path("eventType").asText("");
            all.add(type);
            if (!readsAgain(type)) {
                continue;
            }
            if (changesPolicies(type)) { // the policy is the event's target; every policy is read again
                targets.add(new Target(NAME, TARGET_POLICIES, POLICIES));
                readFor.add(type);
                continue;
            }
            for (JsonNode target : event.path("target")) {
                String id = target.path("id").asText("");
                if ("User".equals(target.path("type").asText()) && USER_ID.matcher(id).matches()) {
                    targets.add(new Target(NAME, TARGET_USER, id));
                    readFor.add(type);
                }
            }
        }
        if (targets.isEmpty()) {
            return new Mapped(String.join(",", all), List.of(), all.stream().anyMatch(OktaEventTargets::readsAgain)
                    ? "its events name no user" : "no event Vigil reads anything again for");
        }
        return new Mapped(String.join(",", readFor), List.copyOf(targets), null);
    }
}
