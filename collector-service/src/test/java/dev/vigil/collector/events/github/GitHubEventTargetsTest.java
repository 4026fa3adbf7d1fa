package dev.vigil.collector.events.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.collector.spi.Target;
import dev.vigil.collector.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** Payloads as GitHub delivers them to an organisation webhook (src/test/resources/GitHubEventTargetsTest/). */
public class GitHubEventTargetsTest {
    static final String ORG = "acme-demo";
    static final String COLLECTOR = "github-branch-protection";

    static GitHubEventTargets.Mapped map(String event, String fixture) throws IOException {
        JsonNode payload = new ObjectMapper().readTree(Fixtures.bytes(GitHubEventTargetsTest.class, fixture));
        return GitHubEventTargets.of(event, payload, ORG);
    }

    static Target repository(String fullName) {
        return new Target(COLLECTOR, "repository", fullName);
    }

    @Test
    void aBranchProtectionRuleChangeReadsThatRepositoryAgain() throws IOException {
        assertThat(map("branch_protection_rule", "branch_protection_rule.edited.json")).satisfies(m -> {
            assertThat(m.eventType()).isEqualTo("branch_protection_rule.edited");
            assertThat(m.targets()).containsExactly(repository("acme-demo/payments-api"));
        });
        assertThat(map("branch_protection_rule", "branch_protection_rule.deleted.json").targets())
                .containsExactly(repository("acme-demo/payments-api"));
    }

    @Test
    void aRepositoryRulesetReadsItsRepositoryAndAnOrganisationRulesetEveryRepository() throws IOException {
        assertThat(map("repository_ruleset", "repository_ruleset.edited.json").targets())
                .containsExactly(repository("acme-demo/billing-service"));
        assertThat(map("repository_ruleset", "repository_ruleset.created.organization.json")).satisfies(m -> {
            assertThat(m.eventType()).isEqualTo("repository_ruleset.created");
            assertThat(m.targets()).containsExactly(new Target(COLLECTOR, "repositories", ORG));
        });
    }

    @Test
    void repositorySettingsAndSecurityChangesReadThatRepository() throws IOException {
        assertThat(map("repository", "repository.edited.json").targets())
                .containsExactly(repository("acme-demo/web-frontend"));
        assertThat(map("security_and_analysis", "security_and_analysis.json")).satisfies(m -> {
            assertThat(m.eventType()).isEqualTo("security_and_analysis"); // GitHub sends it without an action
            assertThat(m.targets()).containsExactly(repository("acme-demo/infra-terraform"));
        });
    }

    @Test
    void peopleAndTeamChangesReadTheOrganisationAndItsMembers() throws IOException {
        Target organization = new Target(COLLECTOR, "organization", ORG);
        assertThat(map("membership", "membership.removed.json").targets()).containsExactly(organization);
        assertThat(map("organization", "organization.member_removed.json")).satisfies(m -> {
            assertThat(m.eventType()).isEqualTo("organization.member_removed");
            assertThat(m.targets()).containsExactly(organization);
        });
    }

    /** CM-18: who holds admin on a repository changes with its collaborators and its teams. */
    @Test
    void aCollaboratorOrATeamGivenAccessToARepositoryReadsThatRepositorysAccessToo() throws IOException {
        Target organization = new Target(COLLECTOR, "organization", ORG);
        assertThat(map("member", "member.added.json")).satisfies(m -> {
            assertThat(m.eventType()).isEqualTo("member.added");
            assertThat(m.targets()).containsExactly(organization, repository("acme-demo/web-frontend"));
        });
        assertThat(map("team", "team.added_to_repository.json").targets())
                .containsExactly(organization, repository("acme-demo/infra-terraform"));
        assertThat(map("team", "team.deleted.json").targets())
                .containsExactly(organization, new Target(COLLECTOR, "repositories", ORG));
    }

    @Test
    void otherOrganisationsOtherEventsAndDeletedRepositoriesReadNothingAndSayWhy() throws IOException {
        assertThat(map("branch_protection_rule", "branch_protection_rule.edited.other-organization.json"))
                .satisfies(m -> {
                    assertThat(m.targets()).isEmpty();
                    assertThat(m.ignoredBecause()).isEqualTo("not about organisation acme-demo");
                });
        assertThat(map("star", "star.created.json")).satisfies(m -> {
            assertThat(m.eventType()).isEqualTo("star.created");
            assertThat(m.targets()).isEmpty();
            assertThat(m.ignoredBecause()).isEqualTo("not an event Vigil reads anything again for");
        });
        assertThat(map("repository", "repository.deleted.json")).satisfies(m -> {
            assertThat(m.targets()).isEmpty();
            assertThat(m.ignoredBecause()).contains("leaves scope at the next full collection");
        });
    }

    @Test
    void theOrganisationIsMatchedWhateverItsCase() throws IOException {
        JsonNode payload = new ObjectMapper().readTree(Fixtures.bytes(GitHubEventTargetsTest.class,
                "branch_protection_rule.edited.json"));
        assertThat(GitHubEventTargets.of("branch_protection_rule", payload, "Acme-Demo").targets())
                .containsExactly(repository("acme-demo/payments-api"));
    }
}
