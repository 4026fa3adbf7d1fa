package dev.vigil.collector.github;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.http.ConditionalCache;
import dev.vigil.collector.http.ProviderHttp;
import dev.vigil.collector.spi.ApiCalls;
import dev.vigil.collector.spi.Target;
import dev.vigil.collector.testing.RecordingContext;
import dev.vigil.collector.testing.TestConfig;
import dev.vigil.common.evidence.Redactor;
import dev.vigil.common.evidence.RunFailure;
import dev.vigil.common.store.EvidenceStore;
import dev.vigil.sandbox.Sandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** The GitHub collector against the sandbox organisation, without Kafka: what it reads, and what it spends. */
class GitHubCollectorTest {
    private static Sandbox sandbox;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(0);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void resetJournal() {
        sandbox.wireMock().resetRequests();
    }

    private Map<String, Object> settings(String token) {
        Map<String, Object> values = new HashMap<>();
        values.put("github.endpoint", sandbox.baseUrl() + "/github");
        values.put("github.organization", "acme-demo");
        values.put("github.token", token);
        values.put("retry.initialBackoff", java.time.Duration.ofMillis(10));
        return values;
    }

    /** The cache as a folder: what the service keeps in PostgreSQL, per test. */
    private ConditionalCache.Store cacheStore() {
        return ConditionalCache.Store.folder(dir.resolve("cache"));
    }

    private RecordingContext collect(VigilConfig config) throws Exception {
        RecordingContext context = new RecordingContext(dir.resolve("store"));
        new GitHubBranchProtectionCollector(config, new ProviderHttp(config), cacheStore()).collect(context);
        return context;
    }

    private static List<LoggedRequest> githubRequests() {
        return sandbox.wireMock().findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/github/.*")));
    }

    private RecordingContext collect(VigilConfig config, Target target) throws Exception {
        RecordingContext context = new RecordingContext(dir.resolve("store"));
        new GitHubBranchProtectionCollector(config, new ProviderHttp(config), cacheStore()).collect(context, target);
        return context;
    }

    private static List<String> requestedPaths() {
        return githubRequests().stream().map(r -> r.getUrl().replaceFirst("\\?.*", "")).distinct().toList();
    }

    @Test
    void aRepositoryTargetReadsThatRepositoryAloneAsAFullRunReadsIt() throws Exception {
        VigilConfig config = TestConfig.of(settings("sandbox-token"));
        Map<String, RecordingContext.Item> full = collect(config).byKey();
        sandbox.wireMock().resetRequests();

        RecordingContext run = collect(config, new Target(GitHubBranchProtectionCollector.NAME, "repository",
                "acme-demo/payments-api"));

        assertThat(run.failures).isEmpty();
        assertThat(run.byKey()).containsOnlyKeys("github:acme-demo/payments-api:branch:main",
                "github:acme-demo/payments-api", "github:acme-demo/payments-api:access");
        run.byKey().forEach((key, item) -> assertThat(item.facts()).as(key).isEqualTo(full.get(key).facts()));
        assertThat(run.byKey().get("github:acme-demo/payments-api").provenance().operation())
                .isEqualTo("GET /repos/{owner}/{repo}");
        assertThat(requestedPaths()).allMatch(path -> path.startsWith("/github/repos/acme-demo/payments-api"))
                .contains("/github/repos/acme-demo/payments-api");
    }

    @Test
    void anOrganisationTargetReadsTheOrganisationAndItsPeopleButNoRepository() throws Exception {
        RecordingContext run = collect(TestConfig.of(settings("sandbox-token")),
                new Target(GitHubBranchProtectionCollector.NAME, "organization", "acme-demo"));

        assertThat(run.failures).isEmpty();
        assertThat(run.evidence).extracting(RecordingContext.Item::resourceType).containsOnly("github.organization",
                "github.member").contains("github.organization", "github.member");
        assertThat(requestedPaths()).noneMatch(path -> path.contains("/repos"));
    }

    @Test
    void aRepositoryTheCredentialCannotSeeIsAFailureNamingItAndNothingIsPublished() throws Exception {
        RecordingContext run = collect(TestConfig.of(settings("sandbox-token")),
                new Target(GitHubBranchProtectionCollector.NAME, "repository", "acme-demo/no-such-repository"));

        assertThat(run.evidence).isEmpty();
        assertThat(run.failures).extracting(RunFailure::resourceType, RunFailure::resourceKey).containsExactly(
                tuple("github.branch_protection", "github:acme-demo/no-such-repository"),
                tuple("github.repository", "github:acme-demo/no-such-repository"),
                tuple("github.repository_access", "github:acme-demo/no-such-repository"));
        assertThat(run.failures.get(0).reason()).contains("cannot read repository acme-demo/no-such-repository")
                .contains("404");
    }

    @Test
    void readsTheOrganisationItsPeopleAndEveryRepository() throws Exception {
        RecordingContext run = collect(TestConfig.of(settings("sandbox-token")));
        assertThat(run.failures).isEmpty();
        Map<String, RecordingContext.Item> byKey = run.byKey();

        assertThat(byKey.get("github:acme-demo").facts()).containsEntry("twoFactorRequirementEnabled", true)
                .containsEntry("defaultRepositoryPermission", "read")
                .containsEntry("memberCount", 6)
                .containsEntry("owners", List.of("alice-acme", "bob-acme"))
                .containsEntry("membersWithoutTwoFactor", List.of())
                .containsEntry("outsideCollaborators", List.of("jo-contractor"))
                .containsEntry("outsideCollaboratorsWithoutTwoFactor", List.of());
        // members come in two pages: the second page (dave, erin, octo-contractor) is read too
        assertThat(run.evidence).filteredOn(i -> i.resourceType().equals("github.member"))
                .extracting(i -> i.facts().get("login"))
                .containsExactlyInAnyOrder("alice-acme", "bob-acme", "carol-acme", "dave-acme", "erin-acme",
                        "octo-contractor", "jo-contractor");
        // GitHub's member lists carry no e-mail: it comes from the SAML identities, verified-domain e-mails, ...
        assertThat(byKey.get("github:acme-demo:member:alice-acme").facts()).containsExactlyEntriesOf(
                member("alice-acme", 91000001L, "admin", "alice@acme-demo.example", "saml-identity", null));
        assertThat(byKey.get("github:acme-demo:member:carol-acme").facts())
                .containsEntry("email", "carol@acme-demo.example").containsEntry("emailSource", "saml-identity");
        // dave left (suspended in Okta) but is still a member: the identity join's leaver, joined by his SAML identity
        assertThat(byKey.get("github:acme-demo:member:dave-acme").facts()).containsEntry("role", "member")
                .containsEntry("email", "dave@acme-demo.example").containsEntry("emailSource", "saml-identity");
        assertThat(byKey.get("github:acme-demo:member:bob-acme").facts()).containsExactlyEntriesOf(
                member("bob-acme", 91000002L, "admin", "bob@acme-demo.example", "verified-domain-email", null));
        // nobody's: no SAML identity, no verified-domain e-mail, no mapping file
        assertThat(byKey.get("github:acme-demo:member:octo-contractor").facts()).containsExactlyEntriesOf(
                member("octo-contractor", 91000007L, "member", null, null, "no SAML identity linked to this account, "
                        + "no verified-domain e-mail, no mapping file configured"));
        assertThat(byKey.get("github:acme-demo:member:erin-acme").facts()).containsEntry("email", null)
                .containsEntry("identitiesRead", true);
        assertThat(byKey.get("github:acme-demo:member:jo-contractor").facts())
                .containsEntry("role", "outside_collaborator").containsEntry("email", null)
                .containsEntry("identityNotFound", "no SAML identity linked to this account, verified-domain e-mails "
                        + "are not read for outside collaborators, no mapping file configured");

        // the organisation's people are cited from each list they were read from, every cited answer kept
        var org = byKey.get("github:acme-demo").provenance();
        assertThat(org.operation()).isEqualTo("GET /orgs/{org}");
        assertThat(org.parameters()).isEqualTo(Map.of("org", "acme-demo"));
        assertThat(org.supporting()).extracting(c -> c.operation()).containsExactly("GET /orgs/{org}/members",
                "GET /orgs/{org}/members?role=admin", "GET /orgs/{org}/members?filter=2fa_disabled",
                "GET /orgs/{org}/outside_collaborators", "GET /orgs/{org}/outside_collaborators?filter=2fa_disabled");
        assertThat(org.supporting()).allSatisfy(c -> assertThat(c.parameters()).isEqualTo(Map.of("org", "acme-demo")));
        assertThat(org.responseSha256s()).hasSize(6).allSatisfy(sha -> assertThat(stored(sha)).isNotBlank());
        assertThat(stored(org.supporting().get(1).responseSha256())).contains("alice-acme").contains("bob-acme");
        // a member's role and two-factor state come from the owners and 2fa_disabled lists, the e-mail from the
        // GraphQL page that gave it, and every page of the sources before it that had nothing
        var alice = byKey.get("github:acme-demo:member:alice-acme").provenance();
        assertThat(alice.supporting()).extracting(c -> c.operation(), c -> c.responseSha256()).startsWith(
                tuple("GET /orgs/{org}/members?role=admin", org.supporting().get(1).responseSha256()),
                tuple("GET /orgs/{org}/members?filter=2fa_disabled", org.supporting().get(2).responseSha256()));
        assertThat(alice.supporting()).hasSize(3).last().satisfies(c -> {
            assertThat(c.operation()).isEqualTo("POST /graphql (SAML identities)");
            assertThat(c.parameters()).isEqualTo(Map.of("org", "acme-demo", "first", "100"));
            assertThat(stored(c.responseSha256())).contains("\"nameId\":\"alice@acme-demo.example\"");
        });
        var bob = byKey.get("github:acme-demo:member:bob-acme").provenance();
        assertThat(bob.supporting()).extracting(c -> c.operation()).containsExactly(
                "GET /orgs/{org}/members?role=admin", "GET /orgs/{org}/members?filter=2fa_disabled",
                "POST /graphql (SAML identities)", "POST /graphql (verified-domain e-mails)");
        assertThat(stored(bob.supporting().get(3).responseSha256())).contains("bob@acme-demo.example");
        assertThat(byKey.get("github:acme-demo:member:jo-contractor").provenance().supporting())
                .extracting(c -> c.operation(), c -> c.responseSha256()).containsExactly(
                        tuple("GET /orgs/{org}/outside_collaborators?filter=2fa_disabled",
                                org.supporting().get(4).responseSha256()),
                        tuple("POST /graphql (SAML identities)", alice.supporting().get(2).responseSha256()));

        // protected by a ruleset only: protected, with the ruleset's settings
        assertThat(byKey.get("github:acme-demo/billing-service:branch:main").facts())
                .containsEntry("protected", true).containsEntry("protectedBy", List.of("rulesets"))
                .containsEntry("requiredApprovingReviewCount", 1).containsEntry("dismissStaleReviews", true)
                .containsEntry("requireCodeOwnerReviews", true).containsEntry("enforceAdmins", true)
                .containsEntry("allowForcePushes", false).containsEntry("allowDeletions", false)
                .containsEntry("requiredStatusChecks", List.of("ci/build"));
        assertThat(byKey.get("github:acme-demo/web-frontend").facts()).isEqualTo(Map.of(
                "repository", "acme-demo/web-frontend", "archived", false, "visibility", "private",
                "defaultBranch", "main", "secretScanning", true, "secretScanningPushProtection", false,
                "dependabotAlerts", true, "dependabotSecurityUpdates", false));
        assertThat(byKey.get("github:acme-demo/infra-terraform").facts()).containsEntry("dependabotAlerts", false);
        assertThat(run.evidence).extracting(RecordingContext.Item::resourceType).filteredOn(t -> t.equals("github.repository"))
                .hasSize(5);
        assertThat(run.evidence).extracting(RecordingContext.Item::resourceType)
                .filteredOn(t -> t.equals("github.branch_protection")).hasSize(5);
        assertThat(byKey.get("github:acme-demo/payments-api:branch:main").provenance().responseSha256()).hasSize(64);

        // who can administer each repository: outside collaborators, direct grants (every page), teams
        assertThat(run.evidence).extracting(RecordingContext.Item::resourceType)
                .filteredOn(t -> t.equals("github.repository_access")).hasSize(5);
        assertThat(byKey.get("github:acme-demo/infra-terraform:access").facts()).isEqualTo(Map.of(
                "repository", "acme-demo/infra-terraform", "archived", false, "visibility", "private",
                "outsideCollaborators", List.of(Map.of("login", "jo-contractor", "role", "admin", "admin", true)),
                "directCollaborators", List.of(Map.of("login", "jo-contractor", "role", "admin", "admin", true)),
                "teams", List.of(Map.of("slug", "platform", "name", "Platform", "permission", "admin",
                        "admin", true))));
        assertThat(byKey.get("github:acme-demo/billing-service:access").facts().get("directCollaborators"))
                .isEqualTo(List.of(Map.of("login", "dave-acme", "role", "admin", "admin", true),
                        Map.of("login", "erin-acme", "role", "admin", "admin", true)));
        // read in bulk: the direct collaborators of all five in one GraphQL query (web-frontend under alias r1), the
        // outside ones told apart by the members list, the teams from the organisation's teams' listings
        var access = byKey.get("github:acme-demo/web-frontend:access").provenance();
        assertThat(access.operation()).isEqualTo("POST /graphql (repository collaborators)");
        assertThat(access.parameters()).isEqualTo(Map.of("owner", "acme-demo", "repo", "web-frontend",
                "affiliation", "DIRECT", "first", "100", "alias", "r1"));
        assertThat(stored(access.responseSha256())).contains("carol-acme").contains("ADMIN").contains("legacy-scripts");
        assertThat(access.supporting()).extracting(c -> c.operation(), c -> c.parameters()).containsExactly(
                tuple("GET /orgs/{org}/members", Map.of("org", "acme-demo")),
                tuple("GET /orgs/{org}/teams", Map.of("org", "acme-demo")),
                tuple("GET /orgs/{org}/teams/{team_slug}/repos", Map.of("org", "acme-demo", "team_slug", "frontend")));
        assertThat(stored(access.supporting().get(2).responseSha256())).contains("acme-demo/web-frontend");
        // jo-contractor is not a member: outside, though GraphQL listed them among the direct collaborators
        assertThat(byKey.get("github:acme-demo/web-frontend:access").facts().get("outsideCollaborators"))
                .isEqualTo(List.of(Map.of("login", "jo-contractor", "role", "write", "admin", false)));
        // nothing is asked per repository: one query for the collaborators, the teams once for the organisation
        assertThat(requestedPaths()).noneMatch(path -> path.startsWith("/github/repos/")
                        && (path.endsWith("/collaborators") || path.endsWith("/teams")))
                .contains("/github/orgs/acme-demo/teams", "/github/orgs/acme-demo/teams/platform/repos");
        assertThat(githubRequests()).filteredOn(r -> r.getMethod().getName().equals("POST")
                && r.getBodyAsString().contains("collaborators(affiliation: DIRECT")).hasSize(1);

        // branch protection cites the branch, the rules and the ruleset their bypass list comes from
        var billing = byKey.get("github:acme-demo/billing-service:branch:main").provenance();
        assertThat(billing.operation()).isEqualTo("GET /repos/{owner}/{repo}/branches/{branch}");
        assertThat(billing.parameters()).isEqualTo(Map.of("owner", "acme-demo", "repo", "billing-service",
                "branch", "main"));
        assertThat(billing.supporting()).extracting(c -> c.operation(), c -> c.parameters()).containsExactly(
                tuple("GET /repos/{owner}/{repo}/rules/branches/{branch}", billing.parameters()),
                tuple("GET /repos/{owner}/{repo}/rulesets/{ruleset_id}",
                        Map.of("owner", "acme-demo", "repo", "billing-service", "ruleset_id", "4201")));
        assertThat(stored(billing.supporting().get(0).responseSha256())).contains("\"ruleset_id\":4201");
        assertThat(stored(billing.supporting().get(1).responseSha256())).contains("4201");
        // with a protection document that is the main answer; "protected" is read from the branch
        var payments = byKey.get("github:acme-demo/payments-api:branch:main").provenance();
        assertThat(payments.operation()).isEqualTo("GET /repos/{owner}/{repo}/branches/{branch}/protection");
        assertThat(payments.supporting()).extracting(c -> c.operation()).containsExactly(
                "GET /repos/{owner}/{repo}/branches/{branch}", "GET /repos/{owner}/{repo}/rules/branches/{branch}");
        assertThat(stored(payments.supporting().get(0).responseSha256())).contains("\"protected\":true");
    }

    private static Map<String, Object> member(String login, long id, String role, String email, String source,
                                              String notFound) {
        Map<String, Object> facts = new java.util.LinkedHashMap<>();
        facts.put("login", login);
        facts.put("id", id);
        facts.put("role", role);
        facts.put("twoFactorEnabled", true);
        facts.put("email", email);
        facts.put("emailSource", source);
        facts.put("identitiesRead", true);
        facts.put("identityNotFound", notFound);
        return facts;
    }

    /** A raw response as the run kept it in the evidence store. */
    private String stored(String sha256) {
        return new String(EvidenceStore.folder(dir.resolve("store")).get(sha256).orElseThrow(), StandardCharsets.UTF_8);
    }

    @Test
    void anUnchangedOrganisationCostsNoBudgetTheSecondTime() throws Exception {
        VigilConfig config = TestConfig.of(settings("sandbox-token"));
        RecordingContext first = collect(config);
        long firstCalls = githubRequests().size();
        ApiCalls.Summary firstTally = first.raw().calls().summary();
        assertThat(firstTally.counted()).isEqualTo(firstCalls);
        assertThat(firstTally.revalidated()).isZero();
        assertThat(firstTally.rateLimitRemaining()).isEqualTo(4987L);
        assertThat(firstTally.rateLimitLimit()).isEqualTo(5000L);
        // no repository is asked "are Dependabot alerts on" over REST: one GraphQL query answered for all five
        assertThat(githubRequests()).noneMatch(r -> r.getUrl().endsWith("/vulnerability-alerts"));
        // Dependabot alerts' state is cited from the GraphQL page that gave it
        var infra = first.byKey().get("github:acme-demo/infra-terraform").provenance();
        assertThat(infra.parameters()).isEqualTo(Map.of("owner", "acme-demo", "repo", "infra-terraform"));
        assertThat(infra.supporting()).singleElement().satisfies(c -> {
            assertThat(c.operation()).isEqualTo("POST /graphql (dependabot alerts)");
            assertThat(c.parameters()).isEqualTo(Map.of("org", "acme-demo", "first", "100"));
            assertThat(stored(c.responseSha256())).contains("infra-terraform");
        });

        sandbox.wireMock().resetRequests();
        RecordingContext second = collect(config);
        List<LoggedRequest> requests = githubRequests();
        // Every request that could be asked conditionally was, and was answered 304. The only ones asked in full are
        // the GraphQL queries (POSTs, which cannot be revalidated): Dependabot alerts (one per 100 repositories),
        // the SAML identities and the verified-domain e-mails (one per 100 people each), and the repositories'
        // direct collaborators (one per 50 repositories).
        List<String> unconditional = requests.stream().filter(r -> !r.containsHeader("If-None-Match"))
                .map(r -> r.getMethod() + " " + r.getUrl()).toList();
        assertThat(unconditional).containsExactly("POST /github/graphql", "POST /github/graphql",
                "POST /github/graphql", "POST /github/graphql");
        ApiCalls.Summary tally = second.raw().calls().summary();
        assertThat(tally.revalidated()).isEqualTo(requests.size() - 4);
        assertThat(tally.counted()).isEqualTo(4);
        // the REST budget, not GraphQL's (X-RateLimit-Resource: graphql)
        assertThat(tally.rateLimitRemaining()).isEqualTo(4987L);
        assertThat(requests.size()).isEqualTo(firstCalls);

        // the same state gives the same facts and cites the same raw responses
        assertThat(second.failures).isEmpty();
        assertThat(second.evidence).hasSameSizeAs(first.evidence);
        Map<String, RecordingContext.Item> before = first.byKey();
        second.evidence.forEach(item -> {
            assertThat(item.facts()).isEqualTo(before.get(item.resourceKey()).facts());
            assertThat(item.provenance().responseSha256()).isEqualTo(before.get(item.resourceKey()).provenance().responseSha256());
        });
        // the cache keeps no credential, and its bodies are encrypted: the token planted in payments-api's
        // description (served in the repositories page the cache holds) is not on disk
        try (Stream<Path> files = Files.list(dir.resolve("cache"))) {
            assertThat(files.map(f -> read(f))).isNotEmpty().noneMatch(text -> text.contains("sandbox-token")
                    || text.contains("ghp_C4naryT0kenVigilSandbox") || text.contains("payments-api"));
        }
    }

    @Test
    void withoutGraphqlEachRepositorysDependabotAlertsAreAskedOverRest() throws Exception {
        Map<String, Object> values = settings("sandbox-token");
        values.put("github.graphqlEndpoint", sandbox.baseUrl() + "/github/no-graphql-here"); // answers 404
        RecordingContext run = collect(TestConfig.of(values));
        // without GraphQL nobody can be attributed to an e-mail address: unknown, and said so, never a guess
        assertThat(run.failures).filteredOn(f -> f.resourceType().equals("github.member")).singleElement()
                .satisfies(f -> {
                    assertThat(f.resourceKey()).isNull();
                    assertThat(f.reason()).contains("SAML identities", "404");
                });
        // nor can anyone's access be listed: each repository's is withheld, naming the query and the answer
        assertThat(run.failures).filteredOn(f -> f.resourceType().equals("github.repository_access")).hasSize(5)
                .allSatisfy(f -> assertThat(f.reason()).contains("GraphQL query repository.collaborators(affiliation: "
                        + "DIRECT) for 5 repositories of acme-demo", "failed", "POST " + sandbox.baseUrl()
                        + "/github/no-graph", "404").doesNotContain("sandbox-token"))
                .allSatisfy(f -> assertThat(f.missingPermission()).isNull());
        assertThat(run.failures).hasSize(6);
        Map<String, RecordingContext.Item> byKey = run.byKey();
        assertThat(run.evidence).filteredOn(i -> i.resourceType().equals("github.member")).hasSize(7)
                .allSatisfy(i -> assertThat(i.facts()).containsEntry("email", null).containsEntry("emailSource", null)
                        .containsEntry("identitiesRead", false).containsEntry("identityNotFound", null));
        assertThat(byKey.get("github:acme-demo/web-frontend").facts()).containsEntry("dependabotAlerts", true);
        assertThat(byKey.get("github:acme-demo/infra-terraform").facts()).containsEntry("dependabotAlerts", false);
        assertThat(byKey.get("github:acme-demo/infra-terraform").provenance().parameters())
                .containsEntry("vulnerabilityAlertsStatus", "404");
        assertThat(githubRequests()).filteredOn(r -> r.getUrl().endsWith("/vulnerability-alerts")).hasSize(5);
    }

    @Test
    void theMappingFileAttributesWhomGitHubDoesNot() throws Exception {
        Path file = dir.resolve("github-identities.properties");
        Files.writeString(file, "# login = e-mail\njo-contractor = Jo@Contractor.example\nalice-acme = alice@elsewhere.example\n");
        Map<String, Object> values = settings("sandbox-token");
        values.put("github.identityMappingFile", file.toString());
        RecordingContext run = collect(TestConfig.of(values));
        assertThat(run.failures).isEmpty();
        var jo = run.byKey().get("github:acme-demo:member:jo-contractor");
        assertThat(jo.facts()).containsEntry("email", "jo@contractor.example").containsEntry("emailSource", "mapping-file");
        // cited: the SAML page that did not have jo, and the file as read (its sha256)
        assertThat(jo.provenance().supporting()).last().satisfies(c -> {
            assertThat(c.operation()).isEqualTo("identity mapping file");
            assertThat(c.parameters()).isEqualTo(Map.of("file", file.toString()));
            assertThat(c.responseSha256()).isEqualTo(dev.vigil.common.evidence.Hashing.sha256Hex(Files.readAllBytes(file)));
        });
        // the file is the last resort: alice's SAML identity wins
        assertThat(run.byKey().get("github:acme-demo:member:alice-acme").facts())
                .containsEntry("email", "alice@acme-demo.example").containsEntry("emailSource", "saml-identity");

        Files.writeString(file, "jo-contractor = jo@contractor.example\noops\n");
        RecordingContext broken = collect(TestConfig.of(values));
        assertThat(broken.failures).singleElement().satisfies(f -> {
            assertThat(f.resourceType()).isEqualTo("github.member");
            assertThat(f.reason()).contains("identity mapping file " + file + ", line 2");
        });
        // who would depend on the file is unknown; whom GitHub attributes is not
        assertThat(broken.byKey().get("github:acme-demo:member:jo-contractor").facts())
                .containsEntry("email", null).containsEntry("identitiesRead", false);
        assertThat(broken.byKey().get("github:acme-demo:member:bob-acme").facts())
                .containsEntry("email", "bob@acme-demo.example").containsEntry("identitiesRead", true);
    }

    @Test
    void withoutOwnerRightsTheTwoFactorListIsAFailureNotAnEmptyList() throws Exception {
        RecordingContext run = collect(TestConfig.of(settings("sandbox-limited-token")));
        assertThat(run.failures).extracting(RunFailure::resourceKey, RunFailure::missingPermission).contains(
                org.assertj.core.groups.Tuple.tuple("github:acme-demo",
                        GitHubBranchProtectionCollector.PERMISSION_ORG_ADMIN));
        // the failure names the request as sent and GitHub's own words: a non-owner is answered 422, which GitHub
        // says is the owners' right
        assertThat(run.failures).filteredOn(f -> "github:acme-demo".equals(f.resourceKey()))
                .extracting(RunFailure::reason).singleElement().asString().contains("GET " + sandbox.baseUrl()
                        + "/github/orgs/acme-demo/members?filter=2fa_disabled&per_page=100 answered HTTP 422: "
                        + "Only owners can use this filter.");
        assertThat(run.byKey()).doesNotContainKey("github:acme-demo");
        assertThat(run.byKey().get("github:acme-demo:member:carol-acme").facts()).containsEntry("twoFactorEnabled", null);
        // a repository whose collaborators GitHub refuses is withheld, never published with empty lists
        assertThat(run.failures).filteredOn(f -> "github.repository_access".equals(f.resourceType()))
                .singleElement().satisfies(f -> {
                    assertThat(f.resourceKey()).isEqualTo("github:acme-demo/web-frontend:access");
                    assertThat(f.missingPermission())
                            .isEqualTo(GitHubBranchProtectionCollector.PERMISSION_REPOSITORY_ACCESS);
                    assertThat(f.reason()).contains("GraphQL query repository.collaborators(affiliation: DIRECT) for 5 "
                            + "repositories of acme-demo (from payments-api) answered: FORBIDDEN: Must have push "
                            + "access to view repository collaborators. (path [\"r1\",\"collaborators\"])");
                });
        assertThat(run.byKey()).doesNotContainKey("github:acme-demo/web-frontend:access")
                .containsKey("github:acme-demo/payments-api:access");
    }

    @Test
    void authenticatesAsAGitHubAppInstallation() throws Exception {
        var keys = KeyPairGenerator.getInstance("RSA");
        keys.initialize(2048);
        byte[] pkcs8 = keys.generateKeyPair().getPrivate().getEncoded();
        byte[] pkcs1 = java.util.Arrays.copyOfRange(pkcs8, 26, pkcs8.length); // GitHub issues PKCS#1 keys
        Map<String, Object> values = settings(null);
        values.put("github.appId", "310001");
        values.put("github.appPrivateKey", "-----BEGIN RSA PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pkcs1) + "\n-----END RSA PRIVATE KEY-----\n");
        VigilConfig config = TestConfig.of(values);
        GitHubBranchProtectionCollector collector = new GitHubBranchProtectionCollector(config, new ProviderHttp(config), cacheStore());
        RecordingContext run = new RecordingContext(dir.resolve("store"));
        collector.collect(run);
        RecordingContext again = new RecordingContext(dir.resolve("store"));
        collector.collect(again);

        assertThat(run.failures).isEmpty();
        assertThat(run.byKey()).containsKey("github:acme-demo");
        List<LoggedRequest> requests = githubRequests();
        // the installation is looked up and its token bought once: it is reused until shortly before it expires
        assertThat(requests).filteredOn(r -> r.getUrl().endsWith("/access_tokens")).hasSize(1)
                .allSatisfy(r -> assertThat(r.getHeader("Authorization")).startsWith("Bearer ey"));
        assertThat(requests).filteredOn(r -> r.getUrl().endsWith("/orgs/acme-demo/installation")).hasSize(1);
        assertThat(requests).filteredOn(r -> r.getUrl().contains("/repos/"))
                .allSatisfy(r -> assertThat(r.getHeader("Authorization"))
                        .isEqualTo("token ghs_SandboxInstallationToken0000000000"));
        // the token answer is kept redacted: the token never reaches the evidence store
        try (Stream<Path> blobs = Files.walk(dir.resolve("store"))) {
            assertThat(blobs.filter(Files::isRegularFile).map(GitHubCollectorTest::read))
                    .anyMatch(text -> text.contains("\"expires_at\"") && text.contains(Redactor.MASK))
                    .noneMatch(text -> text.contains("ghs_SandboxInstallationToken"));
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1); // any bytes: cache entries are encrypted
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
