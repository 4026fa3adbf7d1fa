package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;

/** Base for rules over a repository's security settings; archived repositories accept no changes: out of scope. */
abstract class GitHubRepositoryRule implements Rule {
    @Override
    public String resourceType() {
        return "github.repository";
    }

    @Override
    public final Verdict judge(Facts facts) {
        String repository = facts.string("repository");
        if (facts.bool("archived")) {
            return Verdict.notApplicable(repository + " is archived and accepts no changes");
        }
        return judgeActive(facts, repository);
    }

    abstract Verdict judgeActive(Facts facts, String repository);
}
