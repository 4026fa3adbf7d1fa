package dev.vigil.collector.github;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether Dependabot alerts are on, for a whole organisation in bulk: GraphQL's
 * {@code Repository.hasVulnerabilityAlertsEnabled}, one page of up to 100 repositories per query, instead of one REST
 * {@code GET /repos/{o}/{r}/vulnerability-alerts} per repository (whose 404 "off" carries no ETag, so it costs the
 * rate limit again on every collection). A repository the pages do not answer for (absent, or its field null
 * because of a GraphQL error such as missing admin rights) is simply not known here: the caller asks REST for it.
 */
final class DependabotAlertStates {
    static final int PAGE_SIZE = 100;
    static final String QUERY = """
            query($org: String!, $first: Int!, $after: String) {
              organization(login: $org) {
                repositories(first: $first, after: $after) {
                  pageInfo { hasNextPage endCursor }
                  nodes { name hasVulnerabilityAlertsEnabled }
                }
              }
            }""";

    private DependabotAlertStates() {
    }

    /**
     * One answer to {@link #QUERY}.
     *
     * @param enabled    by repository name, only the repositories with a definite answer
     * @param nextCursor the cursor of the next page, or null when this was the last (or the answer had no list)
     * @param errors     GraphQL's error messages, if any (the data may still be partial)
     */
    record Page(Map<String, Boolean> enabled, String nextCursor, List<String> errors) {
    }

    static Map<String, Object> variables(String org, String after) {
        return GitHubRest.orgPageVariables(org, PAGE_SIZE, after);
    }

    static Page parse(JsonNode answer) {
        List<String> errors = new ArrayList<>();
        answer.path("errors").forEach(e -> errors.add(e.path("message").asText(e.toString())));
        JsonNode repositories = answer.path("data").path("organization").path("repositories");
        Map<String, Boolean> enabled = new LinkedHashMap<>();
        for (JsonNode node : repositories.path("nodes")) {
            JsonNode value = node.path("hasVulnerabilityAlertsEnabled");
            if (node.hasNonNull("name") && value.isBoolean()) {
                enabled.put(node.get("name").asText(), value.asBoolean());
            }
        }
        JsonNode pageInfo = repositories.path("pageInfo");
        String next = pageInfo.path("hasNextPage").asBoolean(false) && pageInfo.hasNonNull("endCursor")
                ? pageInfo.get("endCursor").asText() : null;
        return new Page(enabled, next, errors);
    }

    /** The raw-response key a page is kept under: GraphQL pages share one URL, so the cursor tells them apart. */
    static String rawKey(String after) {
        return "POST /graphql organization.repositories.hasVulnerabilityAlertsEnabled after="
                + (after == null ? "" : after);
    }
}
