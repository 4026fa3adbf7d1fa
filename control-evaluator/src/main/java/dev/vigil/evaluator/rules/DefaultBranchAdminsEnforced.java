package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

@Singleton
public class DefaultBranchAdminsEnforced extends GitHubBranchRule {
    @Override
    public String id() {
        return "github.default-branch-admins-enforced";
    }

    @Override
    public String description() {
        return "Branch protection of the default branch also binds repository administrators.";
    }

    @Override
    Verdict judgeProtected(Facts facts, String where) {
        return facts.bool("enforceAdmins")
                ? Verdict.pass("protection of " + where + " includes administrators")
                : Verdict.fail("administrators can bypass branch protection on " + where);
    }
}
