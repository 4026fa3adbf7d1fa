package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

@Singleton
public class RepositorySecretScanningPushProtection extends GitHubRepositoryRule {
    @Override
    public String id() {
        return "github.repo-secret-scanning-push-protection";
    }

    @Override
    public String description() {
        return "Every active repository scans for committed secrets and blocks pushes that contain one.";
    }

    @Override
    Verdict judgeActive(Facts facts, String repository) {
        if (!facts.bool("secretScanning")) {
            return Verdict.fail("secret scanning is off for " + repository);
        }
        return facts.bool("secretScanningPushProtection")
                ? Verdict.pass(repository + " scans for secrets and blocks pushes that contain one")
                : Verdict.fail("push protection is off for " + repository + ": a secret can be pushed before it is found");
    }
}
