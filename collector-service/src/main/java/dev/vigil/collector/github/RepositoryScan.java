package dev.vigil.collector.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.collector.spi.RawResponse;
import dev.vigil.common.evidence.Provenance;
import dev.vigil.common.evidence.RunFailure;
import org.kohsuke.github.GHBranch;
import org.kohsuke.github.GHBranchProtection;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import static dev.vigil.collector.github.GitHubBranchProtectionCollector.PERMISSION_ADMINISTRATION;
import static dev.vigil.collector.github.GitHubBranchProtectionCollector.PERMISSION_METADATA;
import static dev.vigil.collector.github.GitHubBranchProtectionCollector.PERMISSION_REPOSITORY_ACCESS;
import static dev.vigil.collector.github.GitHubBranchProtectionCollector.TYPE;
import static dev.vigil.collector.github.GitHubBranchProtectionCollector.TYPE_REPOSITORY;
import static dev.vigil.collector.github.GitHubBranchProtectionCollector.TYPE_REPOSITORY_ACCESS;

/**
 * One repository: its default branch's protection, classic and by rulesets ({@code github.branch_protection}),
 * its security settings ({@code github.repository}) and who can administer it ({@code github.repository_access}).
 * Safe to run for several repositories at once; the rulesets several repositories share (organisation rulesets) are
 * read once per run.
 */
final class RepositoryScan {
    private final GitHubRest rest;
    private final CollectionContext context;
    private final String org;
    private final int pageSize;
    private final Map<String, Optional<JsonNode>> rulesets = new ConcurrentHashMap<>();
    private final Map<String, Dependabot> dependabot;
    private final Map<String, RepositoryAccessReads.Access> access;
    private final Origin origin;

    /**
     * Where the repository's own JSON (its security settings) was read, for the provenance: the organisation's
     * listing (a run of everything), or the repository itself (a run an event targeted at it).
     */
    record Origin(String operation, Function<String, String> rawKey) {
        static Origin listing(GitHubRest rest, String org, int pageSize) {
            String key = rest.rawKey("/orgs/" + org + "/repos", pageSize);
            return new Origin("GET /orgs/{org}/repos", fullName -> key);
        }

        static Origin repository(GitHubRest rest) {
            return new Origin("GET /repos/{owner}/{repo}", fullName -> rest.rawKey("/repos/" + fullName));
        }
    }

    /**
     * Whether a repository's Dependabot alerts are on, as a GraphQL page said, that page's raw-response key and the
     * cursor it was asked with (null for the first page).
     */
    record Dependabot(boolean enabled, String rawKey, String after) {
    }

    /**
     * @param dependabot Dependabot alerts' state by repository name, read in bulk; the others are asked over REST
     * @param access     who can administer each repository, by full name, read in bulk ({@link RepositoryAccessReads});
     *                   a repository not in it (an event's one repository) is read over REST
     */
    RepositoryScan(GitHubRest rest, CollectionContext context, String org, int pageSize,
                   Map<String, Dependabot> dependabot, Map<String, RepositoryAccessReads.Access> access) {
        this(rest, context, org, pageSize, dependabot, access, Origin.listing(rest, org, pageSize));
    }

    RepositoryScan(GitHubRest rest, CollectionContext context, String org, int pageSize,
                   Map<String, Dependabot> dependabot, Map<String, RepositoryAccessReads.Access> access,
                   Origin origin) {
        this.origin = origin;
        this.access = access;
        this.rest = rest;
        this.context = context;
        this.org = org;
        this.pageSize = pageSize;
        this.dependabot = dependabot;
    }

    void scan(JsonNode repoJson) {
        String fullName = repoJson.path("full_name").asText();
        String repoPath = "/repos/" + fullName;
        try {
            branchProtection(repoJson, fullName, repoPath);
        } catch (IOException | RuntimeException e) {
            // a response github-api cannot bind, or a rule we cannot read: this repository only
            context.failure(new RunFailure(TYPE, branchKey(fullName, repoJson.path("default_branch").asText()),
                    "cannot read " + repoPath + ": " + e, null));
        }
        security(repoJson, fullName, repoPath);
        access(repoJson, fullName, repoPath);
    }

    static String branchKey(String fullName, String branch) {
        return "github:" + fullName + ":branch:" + branch;
    }

    private void branchProtection(JsonNode repoJson, String fullName, String repoPath) throws IOException {
        String branchName = repoJson.path("default_branch").asText();
        String key = branchKey(fullName, branchName);
        String branchPath = repoPath + "/branches/" + branchName;
        GHRepository repo = bind(repoJson, GHRepository.class);
        GHBranch branch;
        GHBranchProtection protection = null;
        List<JsonNode> rules;
        try {
            branch = bind(rest.get(branchPath), GHBranch.class);
            // Unprotected branches have no protection document (GitHub answers 404): do not ask.
            if (branch.isProtected()) {
                protection = bind(rest.get(branchPath + "/protection"), GHBranchProtection.class);
            }
            rules = rest.list(repoPath + "/rules/branches/" + branchName, pageSize);
        } catch (IOException e) {
            boolean denied = GitHubErrors.denied(e);
            context.failure(new RunFailure(TYPE, key, "cannot read " + (denied ? "protection of " : "")
                    + branchPath + ": " + GitHubErrors.reason(e), denied ? PERMISSION_ADMINISTRATION : null));
            return;
        }
        Map<String, JsonNode> sources = new LinkedHashMap<>();
        Map<String, Ruleset> read = new LinkedHashMap<>();
        for (JsonNode rule : rules) {
            String ref = BranchRules.rulesetRef(rule);
            Ruleset source = Ruleset.of(rule, org, repoPath, repo.getOwnerName(), repo.getName());
            Optional<JsonNode> ruleset = rulesets.computeIfAbsent(ref, r -> readRuleset(source));
            ruleset.ifPresent(json -> {
                sources.put(ref, json);
                read.put(ref, source);
            });
        }
        BranchRules effective = BranchRules.of(rules, sources);
        Map<String, Object> facts = BranchProtectionFacts.of(repo, branchName, branch.isProtected(), protection,
                effective);

        RawResponse branchResponse = context.raw().get(rest.rawKey(branchPath)).orElse(null);
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("owner", repo.getOwnerName());
        parameters.put("repo", repo.getName());
        parameters.put("branch", branchName);
        String operation;
        RawResponse primary;
        List<Provenance.Citation> supporting = new ArrayList<>();
        if (protection != null) {
            operation = "GET /repos/{owner}/{repo}/branches/{branch}/protection";
            primary = context.raw().get(rest.rawKey(branchPath + "/protection")).orElse(null);
            // "protected" itself is read from the branch
            if (branchResponse != null) {
                supporting.add(branchResponse.cite("GET /repos/{owner}/{repo}/branches/{branch}", parameters));
            }
        } else {
            operation = "GET /repos/{owner}/{repo}/branches/{branch}";
            primary = branchResponse;
        }
        // the rules the rulesets enforce (first page), then each ruleset read for its bypass list
        context.raw().get(rest.rawKey(repoPath + "/rules/branches/" + branchName, pageSize)).ifPresent(r ->
                supporting.add(r.cite("GET /repos/{owner}/{repo}/rules/branches/{branch}", parameters)));
        for (Ruleset ruleset : read.values()) {
            context.raw().get(rest.rawKey(ruleset.path()))
                    .ifPresent(r -> supporting.add(r.cite(ruleset.operation(), ruleset.parameters())));
        }
        context.evidence(TYPE, key, facts, context.provenance(operation, parameters, primary, supporting));
    }

    /** Where the ruleset a rule comes from is read: the organisation's or the repository's. */
    private record Ruleset(String path, String operation, Map<String, String> parameters) {
        static Ruleset of(JsonNode rule, String org, String repoPath, String owner, String repo) {
            String id = Long.toString(rule.path("ruleset_id").asLong());
            return "Organization".equals(rule.path("ruleset_source_type").asText())
                    ? new Ruleset("/orgs/" + org + "/rulesets/" + id, "GET /orgs/{org}/rulesets/{ruleset_id}",
                    Map.of("org", org, "ruleset_id", id))
                    : new Ruleset(repoPath + "/rulesets/" + id, "GET /repos/{owner}/{repo}/rulesets/{ruleset_id}",
                    Map.of("owner", owner, "repo", repo, "ruleset_id", id));
        }
    }

    /**
     * The ruleset a rule comes from, for its bypass list; empty when it cannot be read (the branch's
     * {@code enforceAdmins} is then unknown, not assumed).
     */
    private Optional<JsonNode> readRuleset(Ruleset ruleset) {
        try {
            return Optional.of(rest.get(ruleset.path()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void security(JsonNode repoJson, String fullName, String repoPath) {
        String key = "github:" + fullName;
        if (!RepositoryFacts.securityVisible(repoJson)) {
            context.failure(new RunFailure(TYPE_REPOSITORY, key, "GitHub does not show the security settings "
                    + "(security_and_analysis) of " + fullName + " to this credential", PERMISSION_ADMINISTRATION));
            return;
        }
        String name = repoJson.path("name").asText();
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("owner", org);
        parameters.put("repo", name);
        Dependabot known = dependabot.get(name);
        // the settings come from the repository listing; Dependabot alerts' state from GraphQL, when it answered
        List<Provenance.Citation> supporting = new ArrayList<>();
        boolean alerts;
        if (known != null) {
            alerts = known.enabled();
            Map<String, String> query = new LinkedHashMap<>();
            query.put("org", org);
            query.put("first", Integer.toString(DependabotAlertStates.PAGE_SIZE));
            if (known.after() != null) {
                query.put("after", known.after());
            }
            context.raw().get(known.rawKey())
                    .ifPresent(r -> supporting.add(r.cite("POST /graphql (dependabot alerts)", query)));
        } else {
            try {
                alerts = rest.enabled(repoPath + "/vulnerability-alerts");
            } catch (IOException e) {
                boolean denied = GitHubErrors.denied(e);
                context.failure(new RunFailure(TYPE_REPOSITORY, key, "cannot read whether Dependabot alerts are on for "
                        + fullName + ": " + GitHubErrors.reason(e), denied ? PERMISSION_ADMINISTRATION : null));
                return;
            }
            context.raw().get(rest.rawKey(repoPath + "/vulnerability-alerts"))
                    .ifPresent(r -> parameters.put("vulnerabilityAlertsStatus", Integer.toString(r.status())));
        }
        RawResponse read = context.raw().get(origin.rawKey().apply(fullName)).orElse(null);
        context.evidence(TYPE_REPOSITORY, key, RepositoryFacts.of(repoJson, alerts),
                context.provenance(origin.operation(), parameters, read, supporting));
    }

    /**
     * Who can administer the repository, as read in bulk for the whole organisation, or (one repository an event
     * named) over REST: its outside collaborators, everyone granted access directly and its teams, every page of each.
     * Anything unread publishes nothing for it (half a list would under-report admins) and names the permission when
     * GitHub refused.
     */
    private void access(JsonNode repoJson, String fullName, String repoPath) {
        String key = "github:" + fullName + ":access";
        RepositoryAccessReads.Access bulk = access.get(fullName);
        if (bulk == null) {
            accessOverRest(repoJson, fullName, repoPath, key);
            return;
        }
        if (!bulk.read()) {
            context.failure(new RunFailure(TYPE_REPOSITORY_ACCESS, key, bulk.reason(), bulk.permission()));
            return;
        }
        RepositoryAccessReads.Cited main = bulk.sources().get(0);
        List<Provenance.Citation> supporting = new ArrayList<>();
        for (RepositoryAccessReads.Cited c : bulk.sources().subList(1, bulk.sources().size())) {
            context.raw().get(c.rawKey()).ifPresent(r -> supporting.add(r.cite(c.operation(), c.parameters())));
        }
        context.evidence(TYPE_REPOSITORY_ACCESS, key,
                RepositoryAccessFacts.ofGrants(repoJson, bulk.outside(), bulk.direct(), bulk.teams()),
                context.provenance(main.operation(), main.parameters(), context.raw().get(main.rawKey()).orElse(null),
                        supporting));
    }

    private void accessOverRest(JsonNode repoJson, String fullName, String repoPath, String key) {
        String outsidePath = repoPath + "/collaborators?affiliation=outside";
        String directPath = repoPath + "/collaborators?affiliation=direct";
        String teamsPath = repoPath + "/teams";
        List<JsonNode> outside;
        List<JsonNode> direct;
        List<JsonNode> teams;
        try {
            outside = rest.list(outsidePath, pageSize);
            direct = rest.list(directPath, pageSize);
            teams = rest.list(teamsPath, pageSize);
        } catch (IOException e) {
            context.failure(new RunFailure(TYPE_REPOSITORY_ACCESS, key, "cannot read the collaborators and teams of "
                    + fullName + ": " + GitHubErrors.reason(e),
                    GitHubErrors.denied(e) ? PERMISSION_REPOSITORY_ACCESS : null));
            return;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("owner", org);
        parameters.put("repo", repoJson.path("name").asText());
        List<Provenance.Citation> supporting = new ArrayList<>();
        Map<String, String> outsideQuery = new LinkedHashMap<>(parameters);
        outsideQuery.put("affiliation", "outside");
        context.raw().get(rest.rawKey(outsidePath, pageSize)).ifPresent(r ->
                supporting.add(r.cite("GET /repos/{owner}/{repo}/collaborators", outsideQuery)));
        context.raw().get(rest.rawKey(teamsPath, pageSize)).ifPresent(r ->
                supporting.add(r.cite("GET /repos/{owner}/{repo}/teams", parameters)));
        Map<String, String> directQuery = new LinkedHashMap<>(parameters);
        directQuery.put("affiliation", "direct");
        RawResponse primary = context.raw().get(rest.rawKey(directPath, pageSize)).orElse(null);
        context.evidence(TYPE_REPOSITORY_ACCESS, key, RepositoryAccessFacts.of(repoJson, outside, direct, teams),
                context.provenance("GET /repos/{owner}/{repo}/collaborators", directQuery, primary, supporting));
    }

    private static <T> T bind(JsonNode json, Class<T> type) throws IOException {
        return GitHub.getMappingObjectReader().forType(type).readValue(json);
    }
}
