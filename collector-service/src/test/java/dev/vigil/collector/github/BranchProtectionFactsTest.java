package dev.vigil.collector.github;

import dev.vigil.collector.testing.Facts;
import dev.vigil.collector.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.kohsuke.github.GHBranch;
import org.kohsuke.github.GHBranchProtection;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Recorded GitHub REST v3 responses (repository, branch, branch protection) to facts. */
class BranchProtectionFactsTest {

    @Test
    void fullyProtectedBranch() throws IOException {
        assertThat(facts("payments-api")).isEqualTo(Facts.of(
                "repository", "acme-demo/payments-api",
                "branch", "main",
                "archived", false,
                "visibility", "private",
                "protected", true,
                "requiredApprovingReviewCount", 2,
                "dismissStaleReviews", true,
                "requireCodeOwnerReviews", true,
                "enforceAdmins", true,
                "allowForcePushes", false,
                "allowDeletions", false,
                "requiredStatusChecks", List.of("ci/build", "ci/test")));
    }

    @Test
    void protectionThatDoesNotBindAdministrators() throws IOException {
        Map<String, Object> facts = facts("web-frontend");
        assertThat(facts).containsEntry("protected", true)
                .containsEntry("enforceAdmins", false)
                .containsEntry("requiredApprovingReviewCount", 1)
                .containsEntry("requireCodeOwnerReviews", false)
                .containsEntry("requiredStatusChecks", List.of());
    }

    @Test
    void unprotectedArchivedBranchAllowsEverything() throws IOException {
        assertThat(facts("legacy-scripts")).isEqualTo(Facts.of(
                "repository", "acme-demo/legacy-scripts",
                "branch", "master",
                "archived", true,
                "visibility", "private",
                "protected", false,
                "requiredApprovingReviewCount", 0,
                "dismissStaleReviews", false,
                "requireCodeOwnerReviews", false,
                "enforceAdmins", false,
                "allowForcePushes", true,
                "allowDeletions", true,
                "requiredStatusChecks", List.of()));
    }

    @Test
    void aProtectedBranchWithoutItsSettingsIsRefused() throws IOException {
        GHRepository repo = read("repo-payments-api.json", GHRepository.class);
        assertThatThrownBy(() -> BranchProtectionFacts.of(repo, "main", true, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<String, Object> facts(String name) throws IOException {
        GHRepository repo = read("repo-" + name + ".json", GHRepository.class);
        GHBranch branch = read("branch-" + name + ".json", GHBranch.class);
        GHBranchProtection protection = branch.isProtected()
                ? read("protection-" + name + ".json", GHBranchProtection.class) : null;
        return BranchProtectionFacts.of(repo, branch.getName(), branch.isProtected(), protection);
    }

    private static <T> T read(String fixture, Class<T> type) throws IOException {
        return GitHub.getMappingObjectReader().forType(type)
                .readValue(Fixtures.bytes(BranchProtectionFactsTest.class, fixture));
    }
}
