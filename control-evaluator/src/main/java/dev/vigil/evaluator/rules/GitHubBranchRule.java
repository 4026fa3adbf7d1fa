package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;

/**
 * Base for rules over a repository's default-branch protection. Archived repositories accept no changes,
 * so they are out of scope; an unprotected branch fails every protection rule.
 */
abstract class GitHubBranchRule implements Rule {
    static final String RESOURCE_TYPE = "github.branch_protection";

    @Override
    public String resourceType() {
        return RESOURCE_TYPE;
    }

    @Override
    public final Verdict judge(Facts facts) {
        String where = facts.string("branch") + " of " + facts.string("repository");
        if (facts.bool("archived")) {
            return Verdict.notApplicable(facts.string("repository") + " is archived and accepts no changes");
        }
        if (!facts.bool("protected")) {
            return Verdict.fail("default branch " + where + " is not protected");
        }
        return judgeProtected(facts, where);
    }

    /** Judges a protected default branch; {@code where} reads "main of org/repo". */
    abstract Verdict judgeProtected(Facts facts, String where);
}
