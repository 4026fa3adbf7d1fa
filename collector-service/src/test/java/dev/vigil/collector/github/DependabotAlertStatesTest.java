package dev.vigil.collector.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.common.evidence.EventCodec;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading GraphQL pages of {@code hasVulnerabilityAlertsEnabled}, and where GitHub's GraphQL endpoint is. */
class DependabotAlertStatesTest {

    private static JsonNode json(String text) throws Exception {
        return EventCodec.mapper().readTree(text);
    }

    @Test
    void aPageGivesEachRepositorysStateAndTheNextCursor() throws Exception {
        DependabotAlertStates.Page page = DependabotAlertStates.parse(json("""
                {"data":{"organization":{"repositories":{
                  "pageInfo":{"hasNextPage":true,"endCursor":"Y3Vyc29yOjEwMA=="},
                  "nodes":[{"name":"a","hasVulnerabilityAlertsEnabled":true},
                           {"name":"b","hasVulnerabilityAlertsEnabled":false}]}}}}"""));
        assertThat(page.enabled()).isEqualTo(Map.of("a", true, "b", false));
        assertThat(page.nextCursor()).isEqualTo("Y3Vyc29yOjEwMA==");
        assertThat(page.errors()).isEmpty();
    }

    @Test
    void theLastPageHasNoNextCursorEvenWithAnEndCursor() throws Exception {
        DependabotAlertStates.Page page = DependabotAlertStates.parse(json("""
                {"data":{"organization":{"repositories":{
                  "pageInfo":{"hasNextPage":false,"endCursor":"Y3Vyc29yOjIwMA=="},
                  "nodes":[{"name":"c","hasVulnerabilityAlertsEnabled":true}]}}}}"""));
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void aFieldGitHubWouldNotShowIsUnknownNotOff() throws Exception {
        // GraphQL answers a field the credential may not read with null and an error: not "off"
        DependabotAlertStates.Page page = DependabotAlertStates.parse(json("""
                {"data":{"organization":{"repositories":{
                  "pageInfo":{"hasNextPage":false,"endCursor":null},
                  "nodes":[{"name":"a","hasVulnerabilityAlertsEnabled":null},
                           {"name":"b","hasVulnerabilityAlertsEnabled":false}]}}},
                 "errors":[{"type":"FORBIDDEN","path":["organization","repositories","nodes",0,
                   "hasVulnerabilityAlertsEnabled"],"message":"Resource not accessible by integration"}]}"""));
        assertThat(page.enabled()).isEqualTo(Map.of("b", false));
        assertThat(page.errors()).containsExactly("Resource not accessible by integration");
    }

    @Test
    void anOrganisationGraphqlCannotResolveGivesNothing() throws Exception {
        DependabotAlertStates.Page page = DependabotAlertStates.parse(json("""
                {"data":{"organization":null},"errors":[{"type":"NOT_FOUND","path":["organization"],
                 "message":"Could not resolve to an Organization with the login of 'nope'."}]}"""));
        assertThat(page.enabled()).isEmpty();
        assertThat(page.nextCursor()).isNull();
        assertThat(page.errors()).hasSize(1);
    }

    @Test
    void theQueryAsksOneHundredRepositoriesAfterTheCursor() {
        assertThat(DependabotAlertStates.variables("acme", null)).containsEntry("org", "acme")
                .containsEntry("first", 100).containsEntry("after", null);
        assertThat(DependabotAlertStates.QUERY).contains("hasVulnerabilityAlertsEnabled", "pageInfo",
                "after: $after");
        assertThat(DependabotAlertStates.rawKey("X")).isNotEqualTo(DependabotAlertStates.rawKey(null));
    }

    @Test
    void theGraphqlEndpointFollowsTheRestOne() {
        assertThat(GitHubRest.graphqlEndpoint("https://api.github.com")).isEqualTo("https://api.github.com/graphql");
        assertThat(GitHubRest.graphqlEndpoint("https://api.github.com/")).isEqualTo("https://api.github.com/graphql");
        // GitHub Enterprise Server: REST at /api/v3, GraphQL at /api/graphql
        assertThat(GitHubRest.graphqlEndpoint("https://ghe.example.com/api/v3"))
                .isEqualTo("https://ghe.example.com/api/graphql");
        assertThat(GitHubRest.graphqlEndpoint("http://127.0.0.1:8089/github"))
                .isEqualTo("http://127.0.0.1:8089/github/graphql");
    }
}
