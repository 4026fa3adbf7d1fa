package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

@Singleton
public class GitHubOrgMembersUseTwoFactor implements Rule {
    @Override
    public String id() {
        return "github.org-members-two-factor";
    }

    @Override
    public String resourceType() {
        return GitHubOrgRequiresTwoFactor.RESOURCE_TYPE;
    }

    @Override
    public String description() {
        return "No member or outside collaborator of the GitHub organisation is without two-factor authentication.";
    }

    @Override
    public Verdict judge(Facts facts) {
        String org = facts.string("organization");
        List<String> without = new ArrayList<>();
        facts.list("membersWithoutTwoFactor").forEach(login -> without.add(String.valueOf(login)));
        facts.list("outsideCollaboratorsWithoutTwoFactor")
                .forEach(login -> without.add(login + " (outside collaborator)"));
        return without.isEmpty()
                ? Verdict.pass("everyone in GitHub organisation " + org + " uses two-factor authentication")
                : Verdict.fail("without two-factor authentication in GitHub organisation " + org + ": "
                        + String.join(", ", without));
    }
}
