package dev.vigil.collector.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.collector.spi.RawResponse;
import dev.vigil.common.evidence.RunFailure;
import org.kohsuke.github.GHBranch;
import org.kohsuke.github.GHBranchProtection;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static dev.vigil.collector.github.GitHubBranchProtectionCollector.PERMISSION_ADMINISTRATION;
import static dev.vigil.collector.github.GitHubBranchProtectionCollector.PERMISSION_METADATA;
import static dev.vigil.collector.github.GitHubBranchProtectionCollector.TYPE;
import static dev.vigil.collector.github.GitHubBranchProtectionCollector.TYPE_REPOSITORY;

/**
 * One repository: its default branch's protection, classic and by rulesets ({@code github.branch_protection}),
 * and its security settings ({@code github.repository}). Safe to run for several repositories at once; the
 * rulesets several repositories share (organisation rulesets) are read once per run.
 */
final class RepositoryScan {
    private final GitHubRest rest;
    private final CollectionContext context;
    private final String org;
    private final int pageSize;
    private final Map<String, Optional<JsonNode>> rulesets = new ConcurrentHashMap<>();
    private final Map<String, Dependabot> dependabot;

    /** Whether a repository's Dependabot alerts are on, as a GraphQL page said, and that page's raw-response key. */
    record Dependabot(boolean enabled, String rawKey) {
    }

    /** @param dependabot Dependabot alerts' state by repository name, read in bulk; the others are asked over REST */
    RepositoryScan(GitHubRest rest, CollectionContext context, String org, int pageSize,
                   Map<String, Dependabot> dependabot) {
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
        for (JsonNode rule : rules) {
            String ref = BranchRules.rulesetRef(rule);
            Optional<JsonNode> ruleset = rulesets.computeIfAbsent(ref, r -> readRuleset(rule, repoPath));
            ruleset.ifPresent(json -> sources.put(ref, json));
        }
        BranchRules effective = BranchRules.of(rules, sources);
        Map<String, Object> facts = BranchProtectionFacts.of(repo, branchName, branch.isProtected(), protection,
                effective);

        RawResponse branchResponse = context.raw().get(rest.rawKey(branchPath)).orElse(null);
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("owner", repo.getOwnerName());
        parameters.put("repo", repo.getName());
        parameters.put("branch", branchName);
        context.raw().get(rest.rawKey(repoPath + "/rules/branches/" + branchName, pageSize))
                .ifPresent(r -> parameters.put("rulesResponseSha256", r.sha256()));
        String operation;
        RawResponse primary;
        if (protection != null) {
            operation = "GET /repos/{owner}/{repo}/branches/{branch}/protection";
            primary = context.raw().get(rest.rawKey(branchPath + "/protection")).orElse(null);
            if (branchResponse != null) {
                parameters.put("branchResponseSha256", branchResponse.sha256());
            }
        } else {
            operation = "GET /repos/{owner}/{repo}/branches/{branch}";
            primary = branchResponse;
        }
        context.evidence(TYPE, key, facts, context.provenance(operation, parameters, primary));
    }

    /**
     * The ruleset a rule comes from, for its bypass list; empty when it cannot be read (the branch's
     * {@code enforceAdmins} is then unknown, not assumed).
     */
    private Optional<JsonNode> readRuleset(JsonNode rule, String repoPath) {
        long id = rule.path("ruleset_id").asLong();
        String path = "Organization".equals(rule.path("ruleset_source_type").asText())
                ? "/orgs/" + org + "/rulesets/" + id : repoPath + "/rulesets/" + id;
        try {
            return Optional.of(rest.get(path));
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
        boolean alerts;
        if (known != null) {
            alerts = known.enabled();
            context.raw().get(known.rawKey()).ifPresent(r -> parameters.put("dependabotAlertsGraphqlResponseSha256",
                    r.sha256()));
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
        RawResponse list = context.raw().get(rest.rawKey("/orgs/" + org + "/repos", pageSize)).orElse(null);
        context.evidence(TYPE_REPOSITORY, key, RepositoryFacts.of(repoJson, alerts),
                context.provenance("GET /orgs/{org}/repos", parameters, list));
    }

    private static <T> T bind(JsonNode json, Class<T> type) throws IOException {
        return GitHub.getMappingObjectReader().forType(type).readValue(json);
    }
}
