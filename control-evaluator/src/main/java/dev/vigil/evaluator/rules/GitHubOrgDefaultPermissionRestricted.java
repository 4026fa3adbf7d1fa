package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

import java.util.Set;

@Singleton
public class GitHubOrgDefaultPermissionRestricted implements Rule {
    private static final Set<String> RESTRICTED = Set.of("none", "read");

    @Override
    public String id() {
        return "github.org-default-permission-restricted";
    }

    @Override
    public String resourceType() {
        return GitHubOrgRequiresTwoFactor.RESOURCE_TYPE;
    }

    @Override
    public String description() {
        return "Members of the GitHub organisation get no more than read access to its repositories by default.";
    }

    @Override
    public Verdict judge(Facts facts) {
        String org = facts.string("organization");
        String permission = facts.string("defaultRepositoryPermission");
        return RESTRICTED.contains(permission)
                ? Verdict.pass("members of " + org + " get '" + permission + "' on its repositories by default")
                : Verdict.fail("every member of " + org + " gets '" + permission
                        + "' on every repository by default: write access is not limited to those granted it");
    }
}
