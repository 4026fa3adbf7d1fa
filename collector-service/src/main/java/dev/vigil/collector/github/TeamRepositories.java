package dev.vigil.collector.github;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The teams each repository is shared with, read once per organisation ({@code GET /orgs/{org}/teams}, then {@code
 * GET /orgs/{org}/teams/{team_slug}/repos} per team) instead of once per repository ({@code GET
 * /repos/{owner}/{repo}/teams}). A team's repository listing carries the team's access as {@code permissions}
 * booleans; they are named here as the repository's team listing names them ({@code pull}, {@code triage}, {@code
 * push}, {@code maintain}, {@code admin}), so the facts mean the same from either source. Parsing only, no I/O.
 */
final class TeamRepositories {
    private TeamRepositories() {
    }

    /** One team's grant on one repository, and where it was read (for the evidence's citations). */
    record Grant(RepositoryAccessFacts.Team team, String teamsPageKey, String reposPageKey) {
    }

    /**
     * Adds one team's grants to {@code byRepository} (by the repository's {@code full_name}).
     *
     * @param team         the team as {@code GET /orgs/{org}/teams} lists it
     * @param teamsPageKey the raw-response key of the teams page that listed it
     * @param pages        every page of that team's repositories
     */
    static void add(Map<String, List<Grant>> byRepository, JsonNode team, String teamsPageKey, List<GitHubRest.Page> pages) {
        for (GitHubRest.Page page : pages) {
            for (JsonNode repo : page.items()) {
                String permission = permission(repo.path("permissions"));
                JsonNode admin = repo.path("permissions").path("admin");
                RepositoryAccessFacts.Team grant = new RepositoryAccessFacts.Team(team.path("slug").asText(),
                        team.hasNonNull("name") ? team.get("name").asText() : null, permission,
                        admin.isBoolean() ? admin.asBoolean() : null);
                byRepository.computeIfAbsent(repo.path("full_name").asText(), r -> new ArrayList<>())
                        .add(new Grant(grant, teamsPageKey, page.rawKey()));
            }
        }
    }

    static Map<String, List<Grant>> empty() {
        return new LinkedHashMap<>();
    }

    /** The highest permission the booleans grant, in the team listing's words; null when none is given. */
    static String permission(JsonNode permissions) {
        for (String p : List.of("admin", "maintain", "push", "triage", "pull")) {
            if (permissions.path(p).asBoolean(false)) {
                return p;
            }
        }
        return null;
    }
}
