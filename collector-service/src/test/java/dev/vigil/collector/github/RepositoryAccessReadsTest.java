package dev.vigil.collector.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.vigil.collector.testing.Fixtures;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Repositories' access read in bulk, against a real HTTP server playing GitHub at the root of a host (as
 * api.github.com: REST at {@code /}, GraphQL at {@code /graphql}) with recorded answers
 * (src/test/resources/RepositoryAccessReadsTest/).
 */
class RepositoryAccessReadsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORG = "acme-demo";
    private WireMockServer server;
    private GitHubRest rest;

    @BeforeEach
    void start() {
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        rest = new GitHubRest(new OkHttpClient(), server.baseUrl(), client -> "token test-token");
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private void json(String path, String fixture) {
        server.stubFor(get(urlPathEqualTo(path)).withQueryParam("page", absent())
                .willReturn(aResponse().withHeader("Content-Type", "application/json; charset=utf-8")
                        .withBody(Fixtures.bytes(getClass(), fixture))));
    }

    private void people() {
        json("/orgs/acme-demo/members", "members.json");
        json("/orgs/acme-demo/teams", "teams.json");
        // the team's repositories in two pages, linked as GitHub links them
        String next = server.baseUrl() + "/orgs/acme-demo/teams/platform/repos?per_page=100&page=2";
        server.stubFor(get(urlPathEqualTo("/orgs/acme-demo/teams/platform/repos")).withQueryParam("page", absent())
                .willReturn(aResponse().withHeader("Content-Type", "application/json; charset=utf-8")
                        .withHeader("Link", "<" + next + ">; rel=\"next\", <" + next + ">; rel=\"last\"")
                        .withBody(Fixtures.bytes(getClass(), "team-platform-repos-page-1.json"))));
        server.stubFor(get(urlPathEqualTo("/orgs/acme-demo/teams/platform/repos")).withQueryParam("page", equalTo("2"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json; charset=utf-8")
                        .withBody(Fixtures.bytes(getClass(), "team-platform-repos-page-2.json"))));
    }

    private static List<JsonNode> repositories(String... names) {
        return java.util.Arrays.stream(names).map(n -> (JsonNode) JSON.createObjectNode().put("name", n)
                .put("full_name", ORG + "/" + n)).toList();
    }

    private Map<String, RepositoryAccessReads.Access> read(List<JsonNode> repositories) {
        return RepositoryAccessReads.read(rest, ORG, 100, repositories,
                RepositoryAccessReads.Members.read(rest, ORG, 100));
    }

    @Test
    void everyRepositoryIsAnsweredFromOneQueryItsOwnFurtherPagesAndTheOrganisationsTeams() {
        people();
        server.stubFor(post(urlPathEqualTo("/graphql")).withRequestBody(containing("$n0"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json; charset=utf-8")
                        .withBody(Fixtures.bytes(getClass(), "batch-partial.json"))));
        server.stubFor(post(urlPathEqualTo("/graphql")).withRequestBody(containing("\"after\":\"Y3Vyc29yOnYyOpHOBZkGGg==\""))
                .withRequestBody(containing("\"name\":\"payments-api\""))
                .willReturn(aResponse().withHeader("Content-Type", "application/json; charset=utf-8")
                        .withBody(Fixtures.bytes(getClass(), "next-page.json"))));

        Map<String, RepositoryAccessReads.Access> access = read(repositories("payments-api", "web-frontend",
                "retired-service", "docs"));

        assertThat(access).containsOnlyKeys("acme-demo/payments-api", "acme-demo/web-frontend",
                "acme-demo/retired-service", "acme-demo/docs");
        RepositoryAccessReads.Access payments = access.get("acme-demo/payments-api");
        assertThat(payments.read()).isTrue();
        // both pages; outside = not a member (members compare without case: GitHub's logins are case-insensitive)
        assertThat(payments.direct()).extracting(RepositoryAccessFacts.Person::login).containsExactly("alice-acme",
                "jo-contractor", "erin-acme", "octo-contractor", "dave-acme");
        assertThat(payments.outside()).containsExactly(new RepositoryAccessFacts.Person("jo-contractor", "write", false),
                new RepositoryAccessFacts.Person("octo-contractor", "triage", false));
        assertThat(payments.teams()).containsExactly(new RepositoryAccessFacts.Team("platform", "Platform", "admin",
                true));
        assertThat(payments.sources()).extracting(RepositoryAccessReads.Cited::operation, c -> c.parameters())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("POST /graphql (repository collaborators)", Map.of("owner",
                                ORG, "repo", "payments-api", "affiliation", "DIRECT", "first", "100", "alias", "r0")),
                        org.assertj.core.groups.Tuple.tuple("POST /graphql (repository collaborators)", Map.of("owner",
                                ORG, "repo", "payments-api", "affiliation", "DIRECT", "first", "100", "after",
                                "Y3Vyc29yOnYyOpHOBZkGGg==")),
                        org.assertj.core.groups.Tuple.tuple("GET /orgs/{org}/members", Map.of("org", ORG)),
                        org.assertj.core.groups.Tuple.tuple("GET /orgs/{org}/teams", Map.of("org", ORG)),
                        org.assertj.core.groups.Tuple.tuple("GET /orgs/{org}/teams/{team_slug}/repos",
                                Map.of("org", ORG, "team_slug", "platform")));

        // refused: withheld, naming the query, GitHub's answer and the permission
        RepositoryAccessReads.Access web = access.get("acme-demo/web-frontend");
        assertThat(web.read()).isFalse();
        assertThat(web.reason()).isEqualTo("cannot read the direct collaborators of acme-demo/web-frontend: GraphQL "
                + "query repository.collaborators(affiliation: DIRECT) for 4 repositories of acme-demo (from "
                + "payments-api) answered: FORBIDDEN: Must have push access to view repository collaborators. "
                + "(path [\"r1\",\"collaborators\"])");
        assertThat(web.permission()).isEqualTo(GitHubBranchProtectionCollector.PERMISSION_REPOSITORY_ACCESS);
        // not found is not a permission problem
        RepositoryAccessReads.Access retired = access.get("acme-demo/retired-service");
        assertThat(retired.reason()).contains("NOT_FOUND: Could not resolve to a Repository");
        assertThat(retired.permission()).isNull();
        // nobody directly; the team's second page names it
        RepositoryAccessReads.Access docs = access.get("acme-demo/docs");
        assertThat(docs.direct()).isEmpty();
        assertThat(docs.outside()).isEmpty();
        assertThat(docs.teams()).containsExactly(new RepositoryAccessFacts.Team("platform", "Platform", "push", false));
        assertThat(docs.sources().get(docs.sources().size() - 1).rawKey()).contains("page=2");

        // one batch, one further page: two queries for four repositories
        server.verify(2, postRequestedFor(urlPathEqualTo("/graphql")));
    }

    @Test
    void fiftyOneRepositoriesTakeTwoQueriesAndAnAnswerWithoutThemLeavesThemUnread() {
        people();
        server.stubFor(post(urlPathEqualTo("/graphql")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody("{\"data\":{}}")));
        String[] names = IntStream.range(0, 51).mapToObj(i -> String.format("repo-%02d", i)).toArray(String[]::new);

        Map<String, RepositoryAccessReads.Access> access = read(repositories(names));

        assertThat(access).hasSize(51).allSatisfy((name, a) -> {
            assertThat(a.read()).isFalse();
            assertThat(a.reason()).contains("answered: the answer has no repository");
        });
        assertThat(access.get("acme-demo/repo-50").reason()).contains("for 1 repositories of acme-demo (from repo-50)",
                "(r0: absent)");
        var queries = server.findAll(postRequestedFor(urlPathEqualTo("/graphql")));
        assertThat(queries).hasSize(2);
        assertThat(queries.get(0).getBodyAsString()).contains("\"n49\":\"repo-49\"").doesNotContain("\"n50\"");
        assertThat(queries.get(1).getBodyAsString()).contains("\"n0\":\"repo-50\"").doesNotContain("\"n1\"");
    }

    @Test
    void teamsThatCannotBeReadLeaveNoRepositoryRead() {
        json("/orgs/acme-demo/members", "members.json");
        server.stubFor(get(urlPathEqualTo("/orgs/acme-demo/teams")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(Fixtures.bytes(getClass(), "error-403-teams.json"))));

        Map<String, RepositoryAccessReads.Access> access = read(repositories("payments-api", "docs"));

        assertThat(access.values()).hasSize(2).allSatisfy(a -> {
            assertThat(a.reason()).startsWith("cannot read the teams of acme-demo and their repositories: GET "
                    + server.baseUrl() + "/orgs/acme-demo/teams?per_page=100 answered HTTP 403")
                    .contains("Resource not accessible by integration");
            assertThat(a.permission()).isEqualTo(GitHubBranchProtectionCollector.PERMISSION_REPOSITORY_ACCESS);
        });
        server.verify(0, postRequestedFor(urlPathEqualTo("/graphql")));
    }

    @Test
    void withoutTheMembersNobodyCanBeToldOutside() {
        server.stubFor(get(urlPathEqualTo("/orgs/acme-demo/members")).willReturn(aResponse().withStatus(502)
                .withBody("<html><body>Bad gateway</body></html>")));

        Map<String, RepositoryAccessReads.Access> access = read(repositories("payments-api"));

        assertThat(access.get("acme-demo/payments-api").reason()).startsWith("cannot tell which direct "
                + "collaborators are outside collaborators: the members of acme-demo could not be read: GET "
                + server.baseUrl() + "/orgs/acme-demo/members?per_page=100 answered HTTP 502");
        assertThat(access.get("acme-demo/payments-api").permission()).isNull();
    }
}
