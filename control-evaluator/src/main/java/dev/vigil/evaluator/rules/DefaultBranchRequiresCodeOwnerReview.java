package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

@Singleton
public class DefaultBranchRequiresCodeOwnerReview extends GitHubBranchRule {
    @Override
    public String id() {
        return "github.default-branch-requires-code-owner-review";
    }

    @Override
    public String description() {
        return "A change to the default branch needs the approval of the code's designated owners (CODEOWNERS).";
    }

    @Override
    Verdict judgeProtected(Facts facts, String where) {
        return facts.bool("requireCodeOwnerReviews")
                ? Verdict.pass(where + " requires the code owners' review")
                : Verdict.fail(where + " merges without the review of the code's owners");
    }
}
