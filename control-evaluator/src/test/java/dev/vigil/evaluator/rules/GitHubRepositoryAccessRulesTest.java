package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Outcome;
import dev.vigil.evaluator.domain.Verdict;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CM-18's repository access rules on facts shaped as github-branch-protection publishes them (docs/evidence.md). */
class GitHubRepositoryAccessRulesTest {
    private static final String REPO = "acme-demo/infra-terraform";

    private static Map<String, Object> person(String login, String role, Boolean admin) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("login", login);
        p.put("role", role);
        p.put("admin", admin);
        return p;
    }

    private static Map<String, Object> team(String slug, String permission, boolean admin) {
        return Map.of("slug", slug, "name", slug, "permission", permission, "admin", admin);
    }

    private static Map<String, Object> access(List<Map<String, Object>> outside, List<Map<String, Object>> direct,
                                              List<Map<String, Object>> teams) {
        return new HashMap<>(Map.of("repository", REPO, "archived", false, "visibility", "private",
                "outsideCollaborators", outside, "directCollaborators", direct, "teams", teams));
    }

    private static Verdict outside(Map<String, Object> facts) {
        return new GitHubRepositoryNoOutsideAdmins().evaluate(new Facts(facts));
    }

    private static Verdict direct(Map<String, Object> facts) {
        return new GitHubRepositoryDirectAdminsWithinAllowance().evaluate(new Facts(facts));
    }

    @Test
    void anOutsideCollaboratorWithAdminFails() {
        var jo = person("jo-contractor", "admin", true);
        assertThat(outside(access(List.of(jo), List.of(jo), List.of()))).isEqualTo(
                Verdict.fail("outside collaborators hold admin on " + REPO + ": jo-contractor"));
    }

    @Test
    void outsideCollaboratorsWithoutAdminOrNoneAtAllPass() {
        var jo = person("jo-contractor", "write", false);
        assertThat(outside(access(List.of(jo), List.of(jo), List.of()))).isEqualTo(
                Verdict.pass("no outside collaborator holds admin on " + REPO + ": jo-contractor (write)"));
        assertThat(outside(access(List.of(), List.of(), List.of()))).isEqualTo(
                Verdict.pass(REPO + " has no outside collaborator"));
    }

    @Test
    void anAdminGitHubDidNotStateIsUnknownNeverAPass() {
        var jo = person("jo-contractor", null, null);
        assertThat(outside(access(List.of(jo), List.of(jo), List.of())).outcome()).isEqualTo(Outcome.UNKNOWN);
        Map<String, Object> unread = access(List.of(), List.of(), List.of());
        unread.remove("outsideCollaborators");
        assertThat(outside(unread).outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(direct(unread).outcome()).isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void directAdminsBeyondTheAllowanceFailNamingThemAndTheAdminTeams() {
        var facts = access(List.of(), List.of(person("dave-acme", "admin", true), person("erin-acme", "admin", true),
                person("carol-acme", "write", false)), List.of(team("platform", "admin", true),
                team("payments", "push", false)));
        assertThat(direct(facts)).isEqualTo(Verdict.fail("2 members hold admin on " + REPO + " granted to them "
                + "directly, more than the 1 allowed: dave-acme, erin-acme (admin through teams: platform)"));
        assertThat(new GitHubRepositoryDirectAdminsWithinAllowance(2).evaluate(new Facts(facts))).isEqualTo(
                Verdict.pass("members holding admin on " + REPO + " directly: dave-acme, erin-acme (at most 2 "
                        + "allowed); admin through teams: platform"));
    }

    @Test
    void outsideCollaboratorsDoNotCountAgainstTheMembersAllowance() {
        var jo = person("jo-contractor", "admin", true);
        assertThat(direct(access(List.of(jo), List.of(jo, person("carol-acme", "admin", true)), List.of())))
                .isEqualTo(Verdict.pass("members holding admin on " + REPO + " directly: carol-acme (at most 1 "
                        + "allowed); no team holds admin"));
        assertThat(new GitHubRepositoryDirectAdminsWithinAllowance(0).evaluate(new Facts(access(List.of(),
                List.of(), List.of(team("platform", "admin", true)))))).isEqualTo(Verdict.pass(
                "no member holds admin on " + REPO + " directly; admin through teams: platform"));
    }

    @Test
    void aNegativeAllowanceIsRefused() {
        assertThatThrownBy(() -> new GitHubRepositoryDirectAdminsWithinAllowance(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
