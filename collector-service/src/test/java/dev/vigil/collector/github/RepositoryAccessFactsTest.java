package dev.vigil.collector.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.collector.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** GitHub's collaborator and team listings (src/test/resources/RepositoryAccessFactsTest/) to facts. */
class RepositoryAccessFactsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonNode json(String fixture) throws IOException {
        return JSON.readTree(Fixtures.bytes(getClass(), fixture));
    }

    private List<JsonNode> list(String fixture) throws IOException {
        List<JsonNode> items = new ArrayList<>();
        json(fixture).forEach(items::add);
        return items;
    }

    private static Map<String, Object> person(String login, String role, Boolean admin) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("login", login);
        p.put("role", role);
        p.put("admin", admin);
        return p;
    }

    @Test
    void eachPersonAndTeamWithTheirRoleAndWhetherItIncludesAdmin() throws IOException {
        Map<String, Object> facts = RepositoryAccessFacts.of(json("repository.json"), list("collaborators-outside.json"),
                list("collaborators-direct.json"), list("teams.json"));

        assertThat(facts).containsEntry("repository", "acme-demo/infra-terraform").containsEntry("archived", false)
                .containsEntry("visibility", "private");
        assertThat(facts.get("outsideCollaborators")).isEqualTo(List.of(person("jo-contractor", "admin", true)));
        // sorted by login; a custom role is judged by its permissions, a role without them by its name, and a
        // person GitHub lists with neither is unknown (null), never "not admin"
        assertThat(facts.get("directCollaborators")).isEqualTo(List.of(
                person("carol-acme", "maintain", false),
                person("dave-acme", null, null),
                person("erin-acme", "security-reviewer", false),
                person("jo-contractor", "admin", true)));
        assertThat(facts.get("teams")).isEqualTo(List.of(
                Map.of("slug", "payments", "name", "Payments", "permission", "push", "admin", false),
                Map.of("slug", "platform", "name", "Platform", "permission", "admin", "admin", true)));
    }

    @Test
    void aRepositoryNobodyIsGrantedDirectlyHasEmptyLists() throws IOException {
        Map<String, Object> facts = RepositoryAccessFacts.of(json("repository.json"), List.of(), List.of(), List.of());
        assertThat(facts).containsEntry("outsideCollaborators", List.of()).containsEntry("directCollaborators",
                List.of()).containsEntry("teams", List.of());
    }
}
