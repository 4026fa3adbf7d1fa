package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

@Singleton
public class DefaultBranchForcePushBlocked extends GitHubBranchRule {
    @Override
    public String id() {
        return "github.default-branch-force-push-blocked";
    }

    @Override
    public String description() {
        return "Force pushes to and deletion of the default branch are blocked.";
    }

    @Override
    Verdict judgeProtected(Facts facts, String where) {
        boolean forcePush = facts.bool("allowForcePushes");
        boolean deletion = facts.bool("allowDeletions");
        if (forcePush && deletion) {
            return Verdict.fail("force pushes and deletion are allowed on " + where);
        }
        if (forcePush) {
            return Verdict.fail("force pushes are allowed on " + where);
        }
        if (deletion) {
            return Verdict.fail("deletion is allowed on " + where);
        }
        return Verdict.pass("force pushes and deletion are blocked on " + where);
    }
}
