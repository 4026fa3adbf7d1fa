package dev.vigil.collector.github;

import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.http.ProviderHttp;
import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.collector.spi.Collector;
import dev.vigil.collector.spi.CollectorInfo;
import dev.vigil.collector.spi.RawResponse;
import dev.vigil.common.evidence.RunFailure;
import dev.vigil.common.evidence.SourceRef;
import jakarta.enterprise.context.ApplicationScoped;
import org.kohsuke.github.GHBranch;
import org.kohsuke.github.GHBranchProtection;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.extras.okhttp3.OkHttpGitHubConnector;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The protection of every repository's default branch in one GitHub organisation. */
@ApplicationScoped
public class GitHubBranchProtectionCollector implements Collector {
    public static final String NAME = "github-branch-protection";
    public static final String TYPE = "github.branch_protection";
    static final String PERMISSION_METADATA = "GitHub: Metadata (read) on repositories";
    static final String PERMISSION_ADMINISTRATION = "GitHub: Administration (read) on repositories";

    static final CollectorInfo INFO = new CollectorInfo(NAME, "1.0.0", "github", List.of(TYPE),
            List.of(PERMISSION_METADATA, PERMISSION_ADMINISTRATION));

    private final VigilConfig.GitHub config;
    private final ProviderHttp http;

    public GitHubBranchProtectionCollector(VigilConfig config, ProviderHttp http) {
        this.config = config.collectors().github();
        this.http = http;
    }

    @Override
    public CollectorInfo info() {
        return INFO;
    }

    @Override
    public VigilConfig.Schedule schedule() {
        return config;
    }

    @Override
    public SourceRef source() {
        return new SourceRef("github", config.organization());
    }

    @Override
    public void collect(CollectionContext context) throws IOException {
        if (config.token().isEmpty()) {
            context.failure(new RunFailure(TYPE, null,
                    "no token configured (vigil.collectors." + NAME + ".token)", PERMISSION_METADATA));
            return;
        }
        List<GHRepository> repositories;
        try {
            GitHub github = new GitHubBuilder()
                    .withEndpoint(config.endpoint())
                    .withOAuthToken(config.token().get())
                    .withConnector(new OkHttpGitHubConnector(http.forRun(context.raw())))
                    // our HTTP layer retries with a bounded backoff; the library must not sleep for an hour
                    .withRateLimitHandler(GitHubRateLimitHandler.FAIL)
                    .withAbuseLimitHandler(GitHubAbuseLimitHandler.FAIL)
                    .build();
            repositories = github.getOrganization(config.organization())
                    .listRepositories(config.pageSize()).toList();
        } catch (IOException e) {
            context.failure(new RunFailure(TYPE, null, "cannot list repositories of " + config.organization() + ": "
                    + GitHubErrors.reason(e), GitHubErrors.denied(e) ? PERMISSION_METADATA : null));
            return;
        }
        for (GHRepository repo : repositories) {
            collectDefaultBranch(context, repo);
        }
    }

    private void collectDefaultBranch(CollectionContext context, GHRepository repo) {
        String branchName = repo.getDefaultBranch();
        String key = "github:" + repo.getFullName() + ":branch:" + branchName;
        GHBranch branch;
        GHBranchProtection protection = null;
        String branchPath = "/repos/" + repo.getFullName() + "/branches/" + branchName;
        try {
            branch = repo.getBranch(branchName);
            // Unprotected branches have no protection document (GitHub answers 404): do not ask.
            if (branch.isProtected()) {
                protection = branch.getProtection();
            }
        } catch (IOException e) {
            boolean denied = GitHubErrors.denied(e);
            context.failure(new RunFailure(TYPE, key, "cannot read " + (denied ? "protection of " : "")
                    + branchPath + ": " + GitHubErrors.reason(e), denied ? PERMISSION_ADMINISTRATION : null));
            return;
        }
        Map<String, Object> facts = BranchProtectionFacts.of(repo, branchName, branch.isProtected(), protection);

        RawResponse branchResponse = context.raw().latestEndingWith(branchPath).orElse(null);
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("owner", repo.getOwnerName());
        parameters.put("repo", repo.getName());
        parameters.put("branch", branchName);
        String operation;
        RawResponse primary;
        if (protection != null) {
            operation = "GET /repos/{owner}/{repo}/branches/{branch}/protection";
            primary = context.raw().latestEndingWith(branchPath + "/protection").orElse(null);
            if (branchResponse != null) {
                parameters.put("branchResponseSha256", branchResponse.sha256());
            }
        } else {
            operation = "GET /repos/{owner}/{repo}/branches/{branch}";
            primary = branchResponse;
        }
        context.evidence(TYPE, key, facts, context.provenance(operation, parameters, primary));
    }
}
