package dev.vigil.collector.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.http.ConditionalCache;
import dev.vigil.collector.http.ProviderHttp;
import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.collector.spi.CollectorInfo;
import dev.vigil.collector.spi.ParallelReads;
import dev.vigil.collector.spi.Permission;
import dev.vigil.collector.spi.Target;
import dev.vigil.collector.spi.TargetedCollector;
import dev.vigil.common.evidence.Hashing;
import dev.vigil.common.evidence.Redactor;
import dev.vigil.common.evidence.RunFailure;
import dev.vigil.common.evidence.SourceRef;
import dev.vigil.common.keys.KeyFiles;
import jakarta.enterprise.context.ApplicationScoped;
import okhttp3.OkHttpClient;
import org.jboss.logging.Logger;

import javax.crypto.SecretKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One GitHub organisation: its two-factor requirement, default permission and people, every repository's
 * security settings and who can administer it (collaborators and teams), and the protection of every default branch (classic protection and rulesets merged).
 * Repositories are read by a small fixed pool ({@code concurrency}); unchanged answers are revalidated by ETag
 * and cost no rate-limit budget. Authenticates with a token, or as a GitHub App installation.
 */
@ApplicationScoped
public class GitHubBranchProtectionCollector implements TargetedCollector {
    private static final Logger LOG = Logger.getLogger(GitHubBranchProtectionCollector.class);
    public static final String NAME = "github-branch-protection";
    public static final String TYPE = "github.branch_protection";
    public static final String TYPE_REPOSITORY = "github.repository";
    public static final String TYPE_ORGANIZATION = "github.organization";
    public static final String TYPE_MEMBER = "github.member";
    public static final String TYPE_REPOSITORY_ACCESS = "github.repository_access";
    /** Target kinds: one repository ({@code owner/repo}), the organisation, every repository of it. */
    public static final String TARGET_REPOSITORY = "repository";
    public static final String TARGET_ORGANIZATION = "organization";
    public static final String TARGET_REPOSITORIES = "repositories";
    static final String PERMISSION_METADATA = "GitHub: Metadata (read) on repositories";
    static final String PERMISSION_ADMINISTRATION = "GitHub: Administration (read) on repositories";
    static final String PERMISSION_ORG_MEMBERS = "GitHub: Members (read) on the organization (classic token: read:org)";
    /**
     * A repository's collaborators and teams: GitHub lists them to a credential with Metadata (read) and, for the
     * teams it shares the repository with, Members (read) on the organization; a classic token needs repo and
     * read:org, and a user with write access to the repository behind it.
     */
    static final String PERMISSION_REPOSITORY_ACCESS = "GitHub: Metadata (read) on repositories and Members (read) on "
            + "the organization, for repositories' collaborators and teams (classic token: repo and read:org)";
    static final String PERMISSION_ORG_ADMIN =
            "GitHub: Administration (read) on the organization, as an owner (classic token: admin:org)";
    /**
     * The organisation's SAML identities and its members' verified-domain e-mails: GitHub shows them to an App
     * with Members (read), and to organisation owners (a classic token needs read:org and an owner behind it).
     */
    static final String PERMISSION_ORG_IDENTITIES = "GitHub: Members (read) on the organization, for its SAML "
            + "identities and verified-domain e-mails (classic token: read:org of an organization owner)";

    static final CollectorInfo INFO = new CollectorInfo(NAME, "1.3.0", "github",
            List.of(TYPE, TYPE_REPOSITORY, TYPE_REPOSITORY_ACCESS, TYPE_ORGANIZATION, TYPE_MEMBER),
            // GitHub App manifest keys: repository metadata and administration, organization members (the member
            // lists; the SAML identities and verified-domain e-mails) and administration
            List.of(Permission.githubRead("metadata", PERMISSION_METADATA),
                    Permission.githubRead("administration", PERMISSION_ADMINISTRATION),
                    Permission.githubRead("members", PERMISSION_ORG_MEMBERS),
                    Permission.githubRead("members", PERMISSION_ORG_IDENTITIES),
                    Permission.githubRead("members", PERMISSION_REPOSITORY_ACCESS),
                    Permission.githubRead("organization_administration", PERMISSION_ORG_ADMIN)));

    private final VigilConfig.GitHub config;
    private final ProviderHttp http;
    private final ConditionalCache.Store cacheStore;
    private GitHubAppAuth app; // kept across runs: its installation token lives an hour
    private SecretKey cacheKey; // kept across runs: entries written with it are read back by later runs

    public GitHubBranchProtectionCollector(VigilConfig config, ProviderHttp http, ConditionalCache.Store cacheStore) {
        this.config = config.collectors().github();
        this.http = http;
        this.cacheStore = cacheStore;
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

    private synchronized SecretKey cacheKey() {
        if (cacheKey == null) {
            cacheKey = config.cacheKeyFile().filter(f -> !f.isBlank())
                    .map(f -> ConditionalCache.key(KeyFiles.readOwnerOnly(Path.of(f))))
                    .orElseGet(ConditionalCache::processKey);
        }
        return cacheKey;
    }

    @Override
    public void collect(CollectionContext context) throws IOException, InterruptedException {
        GitHubRest rest = connect(context);
        if (rest == null) {
            return;
        }
        RepositoryAccessReads.Members members = organization(rest, context).run();
        repositories(rest, context, members);
    }

    /** What events name: one repository, the organisation and its people, or every repository. */
    @Override
    public Set<String> targetKinds() {
        return Set.of(TARGET_REPOSITORY, TARGET_ORGANIZATION, TARGET_REPOSITORIES);
    }

    /**
     * Reads again what an event named, as a run of everything reads it: a repository's settings and default-branch
     * protection (from {@code GET /repos/{owner}/{repo}} instead of the organisation's listing), the organisation
     * and its people, or every repository (an organisation ruleset changed).
     */
    @Override
    public void collect(CollectionContext context, Target target) throws IOException, InterruptedException {
        GitHubRest rest = connect(context);
        if (rest == null) {
            return;
        }
        switch (target.kind()) {
            case TARGET_ORGANIZATION -> organization(rest, context).run();
            case TARGET_REPOSITORIES -> repositories(rest, context,
                    RepositoryAccessReads.Members.read(rest, config.organization(), config.pageSize()));
            case TARGET_REPOSITORY -> repository(rest, context, target.name());
            default -> throw new IllegalArgumentException(NAME + " cannot read a " + target.kind());
        }
    }

    private void repository(GitHubRest rest, CollectionContext context, String fullName) {
        JsonNode repo;
        try {
            repo = rest.get("/repos/" + fullName);
        } catch (IOException e) {
            boolean denied = GitHubErrors.denied(e);
            // the branch is not known without the repository: the failure names the repository for every type
            for (String type : List.of(TYPE, TYPE_REPOSITORY, TYPE_REPOSITORY_ACCESS)) {
                context.failure(new RunFailure(type, "github:" + fullName, "cannot read repository " + fullName + ": "
                        + GitHubErrors.reason(e), denied ? PERMISSION_METADATA : null));
            }
            return;
        }
        new RepositoryScan(rest, context, config.organization(), config.pageSize(), Map.of(), Map.of(),
                RepositoryScan.Origin.repository(rest)).scan(repo);
    }

    /** The client for one run, or null when GitHub cannot be asked (every type then has its failure). */
    private GitHubRest connect(CollectionContext context) {
        GitHubRest.Authorization auth;
        String identity;
        try {
            if (config.appId().isPresent()) {
                GitHubAppAuth appAuth = app();
                auth = appAuth::authorization;
                identity = "app:" + appAuth.appId();
            } else if (config.token().isPresent()) {
                String header = "token " + config.token().get();
                auth = client -> header;
                identity = "token:" + Hashing.sha256Hex(config.token().get()).substring(0, 16);
            } else {
                failAll(context, "no token or GitHub App configured (vigil.collectors." + NAME
                        + ".token, or .app-id and .app-private-key)", PERMISSION_METADATA);
                return null;
            }
        } catch (IllegalArgumentException | IOException e) {
            failAll(context, "GitHub App configuration unusable: " + e.getMessage(), null);
            return null;
        }
        ConditionalCache cache = null;
        if (config.cacheEnabled()) {
            try {
                cache = new ConditionalCache(cacheStore, identity, cacheKey());
            } catch (IllegalStateException | IllegalArgumentException | UncheckedIOException e) {
                failAll(context, "HTTP cache key unusable (vigil.collectors." + NAME + ".cache-key-file): "
                        + e.getMessage(), null);
                return null;
            }
        }
        OkHttpClient client = http.forRun(context.raw(), cache);
        return new GitHubRest(client, config.endpoint(),
                config.graphqlEndpoint().orElse(GitHubRest.graphqlEndpoint(config.endpoint())), auth);
    }

    private OrganizationScan organization(GitHubRest rest, CollectionContext context) {
        return new OrganizationScan(rest, context, config.organization(), config.pageSize(),
                config.identityMappingFile().filter(f -> !f.isBlank()).orElse(null));
    }

    /** @param members the organisation's members, to tell outside collaborators among the direct ones */
    private void repositories(GitHubRest rest, CollectionContext context, RepositoryAccessReads.Members members) {
        List<JsonNode> repositories;
        try {
            repositories = rest.list("/orgs/" + config.organization() + "/repos", config.pageSize());
        } catch (IOException e) {
            for (String type : List.of(TYPE, TYPE_REPOSITORY, TYPE_REPOSITORY_ACCESS)) {
                context.failure(new RunFailure(type, null, "cannot list repositories of " + config.organization()
                        + ": " + GitHubErrors.reason(e), GitHubErrors.denied(e) ? PERMISSION_METADATA : null));
            }
            return;
        }
        RepositoryScan scan = new RepositoryScan(rest, context, config.organization(), config.pageSize(),
                dependabotAlerts(rest, config.organization()),
                RepositoryAccessReads.read(rest, config.organization(), config.pageSize(), repositories, members));
        ParallelReads.forEach("github-repos", config.concurrency(), repositories, scan::scan);
    }

    /**
     * Dependabot alerts' state of every repository GraphQL answers for, by name (see {@link DependabotAlertStates});
     * on any failure what was read so far, and the repositories left are asked over REST one by one.
     */
    private static Map<String, RepositoryScan.Dependabot> dependabotAlerts(GitHubRest rest, String org) {
        Map<String, RepositoryScan.Dependabot> states = new HashMap<>();
        Set<String> cursors = new HashSet<>();
        String after = null;
        try {
            do {
                String key = DependabotAlertStates.rawKey(after);
                String cursor = after;
                DependabotAlertStates.Page page = DependabotAlertStates.parse(
                        rest.graphql(DependabotAlertStates.QUERY, DependabotAlertStates.variables(org, after), key));
                if (!page.errors().isEmpty()) {
                    LOG.infof("GitHub GraphQL on %s's Dependabot alerts: %s; repositories without an answer are asked "
                            + "over REST", org, Redactor.redactText(String.valueOf(page.errors())));
                }
                page.enabled().forEach((name, on) -> states.put(name, new RepositoryScan.Dependabot(on, key,
                        cursor)));
                after = page.nextCursor();
            } while (after != null && cursors.add(after)); // a repeated cursor would loop forever
        } catch (IOException e) {
            LOG.infof("GitHub GraphQL unavailable for %s's Dependabot alerts (%s): asking REST per repository", org,
                    Redactor.redactText(GitHubErrors.reason(e)));
        }
        return states;
    }

    private synchronized GitHubAppAuth app() throws IOException {
        if (app == null) {
            String pem = config.appPrivateKey().isPresent() ? config.appPrivateKey().get()
                    : Files.readString(Path.of(config.appPrivateKeyFile().orElseThrow(() -> new IllegalArgumentException(
                    "vigil.collectors." + NAME + ".app-id needs .app-private-key or .app-private-key-file"))));
            app = new GitHubAppAuth(config.endpoint(), config.appId().get(), GitHubAppJwt.parsePrivateKey(pem),
                    config.appInstallationId().orElse(null), config.organization(), Clock.systemUTC());
        }
        return app;
    }

    private static void failAll(CollectionContext context, String reason, String permission) {
        for (String type : INFO.resourceTypes()) {
            context.failure(new RunFailure(type, null, reason, permission));
        }
    }
}
