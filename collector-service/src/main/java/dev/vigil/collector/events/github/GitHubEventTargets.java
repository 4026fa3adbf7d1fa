package dev.vigil.collector.events.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.spi.Target;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.vigil.collector.github.GitHubBranchProtectionCollector.NAME;
import static dev.vigil.collector.github.GitHubBranchProtectionCollector.TARGET_ORGANIZATION;
import static dev.vigil.collector.github.GitHubBranchProtectionCollector.TARGET_REPOSITORIES;
import static dev.vigil.collector.github.GitHubBranchProtectionCollector.TARGET_REPOSITORY;

/**
 * What a verified GitHub event names, for {@code github-branch-protection} to read again: a repository's
 * protection or settings changed (that repository: its settings, default-branch protection and access), the
 * organisation or its people changed (the organisation's facts and members), or an organisation ruleset changed
 * (every repository's protection). Who may use a repository changes with the organisation's people too: a
 * collaborator added to, changed on or removed from a repository ({@code member}) or a team's access to one
 * ({@code team}) reads that repository's access besides the organisation, and a deleted team every repository's.
 * Only the configured organisation is read; anything else is ignored with the reason.
 */
public final class GitHubEventTargets {
    /** Events about one repository. */
    static final Set<String> REPOSITORY_EVENTS = Set.of("branch_protection_rule", "repository_ruleset", "repository",
            "security_and_analysis");
    /** Events about the organisation's people and their access. */
    static final Set<String> ORGANIZATION_EVENTS = Set.of("member", "membership", "organization", "team");
    /** Every event the receiver reads again for: the webhook's subscription (docs/collectors.md). */
    public static final Set<String> SUBSCRIBED = Set.of("branch_protection_rule", "repository_ruleset", "repository",
            "security_and_analysis", "member", "membership", "organization", "team");
    /** GitHub's repository names: letters, digits, '.', '-' and '_'. */
    private static final Pattern FULL_NAME = Pattern.compile("[A-Za-z0-9-]+/[A-Za-z0-9._-]+");

    /** The event as named in provenance (with its action), and either what to read or why nothing. */
    public record Mapped(String eventType, List<Target> targets, String ignoredBecause) {
    }

    private GitHubEventTargets() {
    }

    public static Mapped of(String event, JsonNode payload, String organization) {
        String action = payload.path("action").asText("");
        String eventType = action.isEmpty() ? event : event + "." + action;
        if (!SUBSCRIBED.contains(event)) {
            return ignored(eventType, "not an event Vigil reads anything again for");
        }
        String owner = payload.path("organization").path("login").asText(
                payload.path("repository").path("owner").path("login").asText(""));
        if (!owner.equalsIgnoreCase(organization)) {
            return ignored(eventType, "not about organisation " + organization);
        }
        String fullName = repositoryOf(payload, organization);
        if (ORGANIZATION_EVENTS.contains(event)) {
            List<Target> targets = new ArrayList<>();
            targets.add(new Target(NAME, TARGET_ORGANIZATION, organization));
            if (fullName != null) { // a collaborator's or a team's access to that repository
                targets.add(new Target(NAME, TARGET_REPOSITORY, fullName));
            } else if ("team".equals(event) && "deleted".equals(action)) { // its repositories are not named
                targets.add(new Target(NAME, TARGET_REPOSITORIES, organization));
            }
            return new Mapped(eventType, List.copyOf(targets), null);
        }
        if (payload.path("repository").isObject()) {
            if (fullName == null) {
                return ignored(eventType, "names no repository of " + organization);
            }
            if ("repository".equals(event) && "deleted".equals(action)) {
                // nothing left to read: the next full run no longer sees it, and it leaves scope then
                return ignored(eventType, "a deleted repository leaves scope at the next full collection");
            }
            return read(eventType, TARGET_REPOSITORY, fullName);
        }
        if ("repository_ruleset".equals(event)
                && "Organization".equals(payload.path("repository_ruleset").path("source_type").asText())) {
            // an organisation ruleset may apply to any repository's default branch
            return read(eventType, TARGET_REPOSITORIES, organization);
        }
        return ignored(eventType, "names no repository");
    }

    /** The full name of the repository the payload names, if it is one of the organisation's; else null. */
    private static String repositoryOf(JsonNode payload, String organization) {
        String fullName = payload.path("repository").path("full_name").asText("");
        return FULL_NAME.matcher(fullName).matches()
                && fullName.toLowerCase(Locale.ROOT).startsWith(organization.toLowerCase(Locale.ROOT) + "/")
                ? fullName : null;
    }

    private static Mapped read(String eventType, String kind, String name) {
        return new Mapped(eventType, List.of(new Target(NAME, kind, name)), null);
    }

    private static Mapped ignored(String eventType, String reason) {
        return new Mapped(eventType, List.of(), reason);
    }
}
