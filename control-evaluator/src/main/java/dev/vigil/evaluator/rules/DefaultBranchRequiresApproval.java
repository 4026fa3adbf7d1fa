package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

@Singleton
public class DefaultBranchRequiresApproval extends GitHubBranchRule {
    @Override
    public String id() {
        return "github.default-branch-requires-approval";
    }

    @Override
    public String description() {
        return "Merging into the default branch requires at least one approving review.";
    }

    @Override
    Verdict judgeProtected(Facts facts, String where) {
        int approvals = facts.integer("requiredApprovingReviewCount");
        return approvals >= 1
                ? Verdict.pass(approvals + " approving review(s) required on " + where)
                : Verdict.fail("no approving review is required to merge into " + where);
    }
}
