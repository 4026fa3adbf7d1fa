package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * An outside collaborator is nobody the organisation's membership reviews, SSO or two-factor policy reach in the
 * same way; with admin they can change the repository's protection, add people, transfer or delete it.
 */
@Singleton
public class GitHubRepositoryNoOutsideAdmins extends GitHubRepositoryAccessRule {
    @Override
    public String id() {
        return "github.repo-no-outside-admins";
    }

    @Override
    public String description() {
        return "No outside collaborator holds admin on a repository of the organisation.";
    }

    @Override
    public Verdict judge(Facts facts) {
        String repository = facts.string("repository");
        List<Grant> outside = grants(facts, "outsideCollaborators", "login", "role");
        List<String> unread = unread(outside);
        List<String> admins = outside.stream().filter(g -> Boolean.TRUE.equals(g.admin())).map(Grant::name).toList();
        if (!admins.isEmpty()) {
            return Verdict.fail("outside collaborators hold admin on " + repository + ": " + String.join(", ", admins));
        }
        if (!unread.isEmpty()) {
            return Verdict.unknown("GitHub did not say whether outside collaborators " + String.join(", ", unread)
                    + " hold admin on " + repository);
        }
        return Verdict.pass(outside.isEmpty() ? repository + " has no outside collaborator"
                : "no outside collaborator holds admin on " + repository + ": "
                        + String.join(", ", outside.stream().map(Grant::described).toList()));
    }
}
