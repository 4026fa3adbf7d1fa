package dev.vigil.collector.github;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who can administer a repository: its outside collaborators, everyone granted access to it directly (members and
 * outside collaborators alike) and the teams it is shared with, each with their role and whether that role includes
 * admin. Read two ways with the same meaning: in bulk (GraphQL's direct collaborators, outside collaborators being
 * those who are not members of the organisation, and the organisation's teams' repository listings; see {@link
 * RepositoryAccessReads}), or for one repository over REST ({@code affiliation=outside}, {@code affiliation=direct},
 * {@code GET /repos/{owner}/{repo}/teams}). GitHub's members carry no e-mail; a person is their login.
 */
final class RepositoryAccessFacts {
    private RepositoryAccessFacts() {
    }

    /**
     * A person's grant: {@code role} is the highest from every source (REST's {@code role_name}, GraphQL's
     * permission in lower case), {@code admin} null when GitHub did not say (unknown, never "no").
     */
    record Person(String login, String role, Boolean admin) {
        /** A REST collaborator: {@code role_name}, judged by {@code permissions.admin} when given, else by name. */
        static Person rest(JsonNode user) {
            String role = text(user, "role_name");
            return new Person(user.path("login").asText(), role, adminOf(user, role));
        }
    }

    /** A team's grant: {@code permission} is pull, triage, push, maintain or admin. */
    record Team(String slug, String name, String permission, Boolean admin) {
        /** A team as {@code GET /repos/{owner}/{repo}/teams} lists it. */
        static Team rest(JsonNode team) {
            String permission = text(team, "permission");
            return new Team(team.path("slug").asText(), text(team, "name"), permission, adminOf(team, permission));
        }
    }

    /** From the REST listings of one repository. */
    static Map<String, Object> of(JsonNode repo, List<JsonNode> outside, List<JsonNode> direct, List<JsonNode> teams) {
        return ofGrants(repo, outside.stream().map(Person::rest).toList(),
                direct.stream().map(Person::rest).toList(), teams.stream().map(Team::rest).toList());
    }

    /** From grants however read; {@code repo} is the repository's REST JSON (name, archived, visibility). */
    static Map<String, Object> ofGrants(JsonNode repo, List<Person> outside, List<Person> direct, List<Team> teams) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("repository", repo.path("full_name").asText());
        facts.put("archived", repo.path("archived").asBoolean(false));
        facts.put("visibility", repo.hasNonNull("visibility") ? repo.get("visibility").asText()
                : repo.path("private").asBoolean(true) ? "private" : "public");
        facts.put("outsideCollaborators", people(outside));
        facts.put("directCollaborators", people(direct));
        facts.put("teams", teams(teams));
        return facts;
    }

    /** {@code login}, {@code role} and {@code admin}, by login. */
    private static List<Map<String, Object>> people(List<Person> people) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Person person : people) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("login", person.login());
            p.put("role", person.role());
            p.put("admin", person.admin());
            out.add(p);
        }
        out.sort(Comparator.comparing(p -> (String) p.get("login")));
        return out;
    }

    /** {@code slug}, {@code name}, {@code permission} and {@code admin}, by slug. */
    private static List<Map<String, Object>> teams(List<Team> teams) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Team team : teams) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("slug", team.slug());
            t.put("name", team.name());
            t.put("permission", team.permission());
            t.put("admin", team.admin());
            out.add(t);
        }
        out.sort(Comparator.comparing(t -> (String) t.get("slug")));
        return out;
    }

    /**
     * The {@code permissions.admin} flag; without it, whether the role is {@code admin}; without either, null
     * (unknown, never "no").
     */
    private static Boolean adminOf(JsonNode grantee, String role) {
        JsonNode flag = grantee.path("permissions").path("admin");
        if (flag.isBoolean()) {
            return flag.asBoolean();
        }
        return role == null ? null : "admin".equals(role);
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
