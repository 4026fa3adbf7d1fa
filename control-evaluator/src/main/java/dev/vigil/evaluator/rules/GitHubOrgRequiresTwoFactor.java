package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

@Singleton
public class GitHubOrgRequiresTwoFactor implements Rule {
    static final String RESOURCE_TYPE = "github.organization";

    @Override
    public String id() {
        return "github.org-requires-two-factor";
    }

    @Override
    public String resourceType() {
        return RESOURCE_TYPE;
    }

    @Override
    public String description() {
        return "The GitHub organisation requires two-factor authentication of every member and outside collaborator.";
    }

    @Override
    public Verdict judge(Facts facts) {
        String org = facts.string("organization");
        return facts.bool("twoFactorRequirementEnabled")
                ? Verdict.pass("GitHub organisation " + org + " requires two-factor authentication")
                : Verdict.fail("GitHub organisation " + org + " does not require two-factor authentication");
    }
}
