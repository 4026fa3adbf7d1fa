package dev.vigil.collector.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.testing.Facts;
import dev.vigil.common.evidence.EventCodec;
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
                "protectedBy", List.of("branch_protection"),
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
                "protectedBy", List.of(),
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

    @Test
    void rulesetsAloneProtectABranch() throws IOException {
        GHRepository repo = read("repo-legacy-scripts.json", GHRepository.class);
        List<JsonNode> rules = List.of(rule("pull_request", "{\"required_approving_review_count\": 2,"
                        + " \"dismiss_stale_reviews_on_push\": true, \"require_code_owner_review\": false}"),
                rule("required_status_checks", "{\"required_status_checks\": [{\"context\": \"ci/test\"}]}"),
                rule("non_fast_forward", null), rule("deletion", null), rule("required_signatures", null));
        Map<String, Object> facts = BranchProtectionFacts.of(repo, "master", false, null,
                BranchRules.of(rules, Map.of("Repository:7", ruleset("[]"))));
        assertThat(facts).containsEntry("protected", true).containsEntry("protectedBy", List.of("rulesets"))
                .containsEntry("requiredApprovingReviewCount", 2).containsEntry("dismissStaleReviews", true)
                .containsEntry("requireCodeOwnerReviews", false).containsEntry("enforceAdmins", true)
                .containsEntry("allowForcePushes", false).containsEntry("allowDeletions", false)
                .containsEntry("requiredStatusChecks", List.of("ci/test"));
    }

    @Test
    void rulesetsAndClassicProtectionTakeTheStricterOfEach() throws IOException {
        GHRepository repo = read("repo-web-frontend.json", GHRepository.class);
        GHBranchProtection classic = read("protection-web-frontend.json", GHBranchProtection.class);
        BranchRules rules = BranchRules.of(List.of(rule("pull_request", "{\"required_approving_review_count\": 0,"
                + " \"require_code_owner_review\": true}"), rule("required_status_checks",
                "{\"required_status_checks\": [{\"context\": \"ci/lint\"}]}")), Map.of("Repository:7", ruleset("[]")));
        Map<String, Object> facts = BranchProtectionFacts.of(repo, "main", true, classic, rules);
        assertThat(facts).containsEntry("protectedBy", List.of("branch_protection", "rulesets"))
                .containsEntry("requiredApprovingReviewCount", 1) // classic asks 1, the ruleset 0
                .containsEntry("requireCodeOwnerReviews", true)   // the ruleset asks for code owners
                .containsEntry("enforceAdmins", true)             // the ruleset has no bypass actor
                .containsEntry("requiredStatusChecks", List.of("ci/lint"));
    }

    @Test
    void adminsWhoMayBypassTheRulesetOrAnUnreadableBypassListAreNotCountedAsBound() throws IOException {
        List<JsonNode> rules = List.of(rule("non_fast_forward", null));
        assertThat(BranchRules.of(rules, Map.of("Repository:7", ruleset(
                "[{\"actor_id\": 5, \"actor_type\": \"RepositoryRole\", \"bypass_mode\": \"always\"}]")))
                .adminsBound()).isFalse();
        assertThat(BranchRules.of(rules, Map.of("Repository:7", ruleset(
                "[{\"actor_id\": 1, \"actor_type\": \"OrganizationAdmin\", \"bypass_mode\": \"pull_request\"}]")))
                .adminsBound()).isFalse();
        assertThat(BranchRules.of(rules, Map.of("Repository:7", ruleset(
                "[{\"actor_id\": 77, \"actor_type\": \"Integration\", \"bypass_mode\": \"always\"}]")))
                .adminsBound()).isTrue();
        assertThat(BranchRules.of(rules, Map.of()).adminsBound()).isNull();
        GHRepository repo = read("repo-legacy-scripts.json", GHRepository.class);
        assertThat(BranchProtectionFacts.of(repo, "master", false, null, BranchRules.of(rules, Map.of())))
                .containsEntry("enforceAdmins", null);
    }

    private static JsonNode rule(String type, String parameters) throws IOException {
        return EventCodec.mapper().readTree("{\"type\": \"" + type + "\", \"ruleset_source_type\": \"Repository\","
                + " \"ruleset_source\": \"acme-demo/x\", \"ruleset_id\": 7"
                + (parameters == null ? "" : ", \"parameters\": " + parameters) + "}");
    }

    private static JsonNode ruleset(String bypassActors) throws IOException {
        return EventCodec.mapper().readTree("{\"id\": 7, \"enforcement\": \"active\", \"bypass_actors\": "
                + bypassActors + "}");
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
