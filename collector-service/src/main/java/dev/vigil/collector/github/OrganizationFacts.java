package dev.vigil.collector.github;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** An organisation's two-factor requirement, default permission and people, and each person as a member. */
final class OrganizationFacts {
    static final String ROLE_ADMIN = "admin";
    static final String ROLE_MEMBER = "member";
    static final String ROLE_OUTSIDE = "outside_collaborator";

    private OrganizationFacts() {
    }

    /** True when the organisation JSON carries its owner-only settings (the caller is an owner). */
    static boolean settingsVisible(JsonNode org) {
        return org.path("two_factor_requirement_enabled").isBoolean();
    }

    static Map<String, Object> of(JsonNode org, People people) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("organization", org.path("login").asText());
        facts.put("twoFactorRequirementEnabled", org.path("two_factor_requirement_enabled").asBoolean());
        facts.put("defaultRepositoryPermission", org.hasNonNull("default_repository_permission")
                ? org.get("default_repository_permission").asText() : null);
        facts.put("memberCount", people.members().size());
        facts.put("owners", logins(people.owners()));
        facts.put("membersWithoutTwoFactor", logins(people.membersWithoutTwoFactor()));
        facts.put("outsideCollaborators", logins(people.outsideCollaborators()));
        facts.put("outsideCollaboratorsWithoutTwoFactor", logins(people.outsideWithoutTwoFactor()));
        return facts;
    }

    /**
     * @param withoutTwoFactorKnown whether the {@code filter=2fa_disabled} lists could be read; when not, every
     *                              person's two-factor state is unknown (null), never assumed
     * @param identity              {@code email}, {@code emailSource}, {@code identitiesRead} and
     *                              {@code identityNotFound} ({@link MemberIdentities.Sources#facts}): GitHub's
     *                              member lists carry no e-mail
     */
    static Map<String, Object> member(JsonNode user, String role, People people, boolean withoutTwoFactorKnown,
                                      Map<String, Object> identity) {
        String login = user.path("login").asText();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("login", login);
        facts.put("id", user.path("id").asLong());
        facts.put("role", role);
        boolean outside = ROLE_OUTSIDE.equals(role);
        facts.put("twoFactorEnabled", withoutTwoFactorKnown
                ? !logins(outside ? people.outsideWithoutTwoFactor() : people.membersWithoutTwoFactor()).contains(login)
                : null);
        facts.putAll(identity);
        return facts;
    }

    /** The lists read from GitHub; the two-factor lists are empty when they could not be read. */
    record People(List<JsonNode> members, List<JsonNode> owners, List<JsonNode> membersWithoutTwoFactor,
                  List<JsonNode> outsideCollaborators, List<JsonNode> outsideWithoutTwoFactor) {

        String role(JsonNode member) {
            return logins(owners).contains(member.path("login").asText()) ? ROLE_ADMIN : ROLE_MEMBER;
        }
    }

    static List<String> logins(Collection<JsonNode> users) {
        Set<String> sorted = new TreeSet<>();
        users.forEach(u -> sorted.add(u.path("login").asText()));
        return new ArrayList<>(sorted);
    }
}
