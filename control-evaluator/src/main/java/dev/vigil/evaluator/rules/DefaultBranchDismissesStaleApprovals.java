package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

@Singleton
public class DefaultBranchDismissesStaleApprovals extends GitHubBranchRule {
    @Override
    public String id() {
        return "github.default-branch-dismisses-stale-approvals";
    }

    @Override
    public String description() {
        return "New commits dismiss earlier approvals on pull requests into the default branch.";
    }

    @Override
    Verdict judgeProtected(Facts facts, String where) {
        return facts.bool("dismissStaleReviews")
                ? Verdict.pass("new commits dismiss earlier approvals on " + where)
                : Verdict.fail("approvals survive later commits on " + where + ": unreviewed code can be merged");
    }
}
