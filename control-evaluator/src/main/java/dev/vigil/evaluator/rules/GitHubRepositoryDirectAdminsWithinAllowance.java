package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Admin on a repository should come through a team, whose membership is reviewed in one place, not be handed to
 * individuals one repository at a time. A small allowance ({@code vigil.evaluator.github-direct-admins-allowed},
 * 1 by default) leaves room for one named maintainer, such as the member who created the repository. Outside
 * collaborators are judged by {@link GitHubRepositoryNoOutsideAdmins}, so only members count here. GitHub reports
 * each direct collaborator's highest role from every source, so a member listed directly who also holds admin
 * through a team or as an organisation owner counts too: their direct grant is then redundant, and removing it is
 * the fix.
 */
@Singleton
public class GitHubRepositoryDirectAdminsWithinAllowance extends GitHubRepositoryAccessRule {
    static final int DEFAULT_ALLOWED = 1;
    private final int allowed;

    public GitHubRepositoryDirectAdminsWithinAllowance() {
        this(DEFAULT_ALLOWED);
    }

    @Inject
    public GitHubRepositoryDirectAdminsWithinAllowance(
            @ConfigProperty(name = "vigil.evaluator.github-direct-admins-allowed", defaultValue = "1") int allowed) {
        if (allowed < 0) {
            throw new IllegalArgumentException("vigil.evaluator.github-direct-admins-allowed must be 0 or more, not "
                    + allowed);
        }
        this.allowed = allowed;
    }

    @Override
    public String id() {
        return "github.repo-direct-admins-within-allowance";
    }

    @Override
    public String description() {
        return "No more members than allowed hold admin on a repository granted to them directly rather than through "
                + "a team.";
    }

    @Override
    public Verdict judge(Facts facts) {
        String repository = facts.string("repository");
        Set<String> outside = grants(facts, "outsideCollaborators", "login", "role").stream().map(Grant::name)
                .collect(Collectors.toSet());
        List<Grant> members = grants(facts, "directCollaborators", "login", "role").stream()
                .filter(g -> !outside.contains(g.name())).toList();
        List<String> admins = members.stream().filter(g -> Boolean.TRUE.equals(g.admin())).map(Grant::name).toList();
        List<String> teams = grants(facts, "teams", "slug", "permission").stream()
                .filter(g -> Boolean.TRUE.equals(g.admin())).map(Grant::name).toList();
        String throughTeams = teams.isEmpty() ? "no team holds admin"
                : "admin through teams: " + String.join(", ", teams);
        if (admins.size() > allowed) {
            return Verdict.fail(admins.size() + " members hold admin on " + repository
                    + " granted to them directly, more than the " + allowed + " allowed: " + String.join(", ", admins)
                    + " (" + throughTeams + ")");
        }
        List<String> unread = unread(members);
        if (!unread.isEmpty()) {
            return Verdict.unknown("GitHub did not say whether " + String.join(", ", unread) + " hold admin on "
                    + repository);
        }
        return Verdict.pass((admins.isEmpty() ? "no member holds admin on " + repository + " directly"
                : "members holding admin on " + repository + " directly: " + String.join(", ", admins) + " (at most "
                        + allowed + " allowed)") + "; " + throughTeams);
    }
}
