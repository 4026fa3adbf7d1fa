package dev.vigil.collector.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.collector.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** GitHub's GraphQL answers for many repositories' direct collaborators (src/test/resources/RepositoryCollaboratorsTest/). */
class RepositoryCollaboratorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ASKED = List.of("payments-api", "web-frontend", "retired-service", "docs");

    private JsonNode json(String fixture) throws IOException {
        return JSON.readTree(Fixtures.bytes(getClass(), fixture));
    }

    @Test
    void aBatchAsksEachRepositoryUnderItsOwnAliasWithItsNameAsAVariable() {
        String query = RepositoryCollaborators.batchQuery(3);
        assertThat(query).startsWith("query($owner: String!, $first: Int!, $n0: String!, $n1: String!, $n2: String!)")
                .contains("r0: repository(owner: $owner, name: $n0)", "r2: repository(owner: $owner, name: $n2)")
                .doesNotContain("r3:", "after")
                .contains("collaborators(affiliation: DIRECT, first: $first)", "edges { permission node { login } }",
                        "pageInfo { hasNextPage endCursor }");
        assertThat(RepositoryCollaborators.batchVariables("acme-demo", List.of("a", "b"))).isEqualTo(Map.of(
                "owner", "acme-demo", "first", 100, "n0", "a", "n1", "b"));
        assertThat(RepositoryCollaborators.batchQuery(50)).contains("r49: repository(owner: $owner, name: $n49)");
        assertThatThrownBy(() -> RepositoryCollaborators.batchQuery(51)).hasMessageContaining("1 to 50");
        assertThat(RepositoryCollaborators.NEXT_PAGE_QUERY)
                .contains("repository(owner: $owner, name: $name)",
                        "collaborators(affiliation: DIRECT, first: $first, after: $after)");
    }

    @Test
    void aPartialAnswerGivesEachRepositoryItsOwnResult() throws IOException {
        Map<String, RepositoryCollaborators.Result> results = RepositoryCollaborators.parseBatch(
                json("batch-partial.json"), ASKED);

        assertThat(results).containsOnlyKeys(ASKED);
        RepositoryCollaborators.Result payments = results.get("payments-api");
        assertThat(payments.unread()).isNull();
        assertThat(payments.collaborators()).containsExactly(
                new RepositoryCollaborators.Collaborator("alice-acme", "ADMIN"),
                new RepositoryCollaborators.Collaborator("jo-contractor", "WRITE"));
        assertThat(payments.nextCursor()).isEqualTo("Y3Vyc29yOnYyOpHOBZkGGg==");
        // refused: GitHub's words and the field's path, and that a permission is missing
        assertThat(results.get("web-frontend").unread()).isEqualTo("FORBIDDEN: Must have push access to view "
                + "repository collaborators. (path [\"r1\",\"collaborators\"])");
        assertThat(results.get("web-frontend").denied()).isTrue();
        assertThat(results.get("web-frontend").collaborators()).isNull();
        // not found (or not visible): unread, but no permission is named
        assertThat(results.get("retired-service").unread()).startsWith("NOT_FOUND: Could not resolve to a Repository");
        assertThat(results.get("retired-service").denied()).isFalse();
        // read, and nobody is granted directly: an empty list, the last page
        assertThat(results.get("docs").collaborators()).isEmpty();
        assertThat(results.get("docs").unread()).isNull();
        assertThat(results.get("docs").nextCursor()).isNull();
    }

    @Test
    void aFollowingPageIsReadFromItsOwnQuery() throws IOException {
        RepositoryCollaborators.Result page = RepositoryCollaborators.parseNextPage(json("next-page.json"),
                "payments-api");
        assertThat(page.nextCursor()).isNull();
        assertThat(page.collaborators()).extracting(c -> c.login() + " " + c.role() + " " + c.admin())
                .containsExactly("erin-acme maintain false", "octo-contractor triage false", "dave-acme read false");
    }

    @Test
    void permissionsAreNamedAsRestNamesThemAndAMissingOneIsUnknown() {
        assertThat(new RepositoryCollaborators.Collaborator("a", "ADMIN").role()).isEqualTo("admin");
        assertThat(new RepositoryCollaborators.Collaborator("a", "ADMIN").admin()).isTrue();
        assertThat(new RepositoryCollaborators.Collaborator("a", "WRITE").role()).isEqualTo("write");
        assertThat(new RepositoryCollaborators.Collaborator("a", "WRITE").admin()).isFalse();
        assertThat(new RepositoryCollaborators.Collaborator("a", null).admin()).isNull();
    }

    @Test
    void anErrorOfTheWholeQueryLeavesEveryRepositoryUnread() throws IOException {
        Map<String, RepositoryCollaborators.Result> results = RepositoryCollaborators.parseBatch(
                json("rate-limited.json"), ASKED);
        assertThat(results.values()).hasSize(4).allSatisfy(r -> {
            assertThat(r.collaborators()).isNull();
            assertThat(r.unread()).isEqualTo("RATE_LIMITED: API rate limit exceeded for installation ID 51000001.");
            assertThat(r.denied()).isFalse();
        });
    }

    @Test
    void aListCutShortOrAnEntryWithoutAPersonIsUnreadNotShorter() throws IOException {
        Map<String, RepositoryCollaborators.Result> results = RepositoryCollaborators.parseBatch(
                json("no-cursor.json"), List.of("payments-api", "docs", "absent"));
        assertThat(results.get("payments-api").unread()).contains("next page but no cursor");
        assertThat(results.get("docs").unread()).contains("names nobody");
        assertThat(results.get("absent").unread()).isEqualTo("the answer has no repository absent (r2: absent)");
    }

    @Test
    void batchesAreToldApartInTheRawResponses() {
        assertThat(IntStream.range(0, 3).mapToObj(i -> RepositoryCollaborators.batchRawKey("repo-" + i, 50)).distinct())
                .hasSize(3);
        assertThat(RepositoryCollaborators.nextPageRawKey("a", "c1"))
                .isNotEqualTo(RepositoryCollaborators.nextPageRawKey("a", "c2"));
    }
}
