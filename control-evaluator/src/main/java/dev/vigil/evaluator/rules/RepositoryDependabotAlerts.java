package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

@Singleton
public class RepositoryDependabotAlerts extends GitHubRepositoryRule {
    @Override
    public String id() {
        return "github.repo-dependabot-alerts";
    }

    @Override
    public String description() {
        return "Every active repository has Dependabot alerts on: dependencies are checked for known vulnerabilities.";
    }

    @Override
    Verdict judgeActive(Facts facts, String repository) {
        return facts.bool("dependabotAlerts")
                ? Verdict.pass("Dependabot alerts are on for " + repository)
                : Verdict.fail("Dependabot alerts are off for " + repository
                        + ": its dependencies are not checked for known vulnerabilities");
    }
}
