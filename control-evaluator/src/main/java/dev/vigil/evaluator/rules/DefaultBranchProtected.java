package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

@Singleton
public class DefaultBranchProtected extends GitHubBranchRule {
    @Override
    public String id() {
        return "github.default-branch-protected";
    }

    @Override
    public String description() {
        return "The default branch of every active repository is protected.";
    }

    @Override
    Verdict judgeProtected(Facts facts, String where) {
        return Verdict.pass("default branch " + where + " is protected");
    }
}
