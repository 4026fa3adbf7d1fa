package dev.vigil.collector.github;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who can administer a repository, as GitHub lists it: its outside collaborators ({@code affiliation=outside}),
 * everyone granted access to it directly ({@code affiliation=direct}: members and outside collaborators alike) and
 * the teams it is shared with, each with their role and whether that role includes admin. GitHub's members carry no
 * e-mail; a person is their login.
 */
final class RepositoryAccessFacts {
    private RepositoryAccessFacts() {
    }

    static Map<String, Object> of(JsonNode repo, List<JsonNode> outside, List<JsonNode> direct, List<JsonNode> teams) {
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

    /** {@code login}, {@code role} (GitHub's {@code role_name}: the highest from every source) and {@code admin}. */
    private static List<Map<String, Object>> people(List<JsonNode> users) {
        List<Map<String, Object>> people = new ArrayList<>();
        for (JsonNode user : users) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("login", user.path("login").asText());
            p.put("role", text(user, "role_name"));
            p.put("admin", admin(user, text(user, "role_name")));
            people.add(p);
        }
        people.sort(Comparator.comparing(p -> (String) p.get("login")));
        return people;
    }

    /** {@code slug}, {@code name}, {@code permission} (pull, triage, push, maintain, admin) and {@code admin}. */
    private static List<Map<String, Object>> teams(List<JsonNode> teams) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonNode team : teams) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("slug", team.path("slug").asText());
            t.put("name", text(team, "name"));
            t.put("permission", text(team, "permission"));
            t.put("admin", admin(team, text(team, "permission")));
            out.add(t);
        }
        out.sort(Comparator.comparing(t -> (String) t.get("slug")));
        return out;
    }

    /**
     * The {@code permissions.admin} flag; without it, whether the role is {@code admin}; without either, null
     * (unknown, never "no").
     */
    private static Boolean admin(JsonNode grantee, String role) {
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
