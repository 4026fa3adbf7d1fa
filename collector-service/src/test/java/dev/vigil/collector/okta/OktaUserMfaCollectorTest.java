package dev.vigil.collector.okta;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.vigil.collector.http.ProviderHttp;
import dev.vigil.collector.spi.Target;
import dev.vigil.collector.testing.RecordingContext;
import dev.vigil.collector.testing.TestConfig;
import dev.vigil.collector.config.VigilConfig;
import dev.vigil.common.evidence.RunFailure;
import dev.vigil.common.store.EvidenceStore;
import dev.vigil.sandbox.Sandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** The Okta collector against the sandbox org, without Kafka: users, factors and administrator roles. */
@SuppressWarnings("unchecked") // facts are JSON-shaped maps and lists
class OktaUserMfaCollectorTest {
    private static final String KEY = "okta:127.0.0.1:user:";
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

    private OktaUserMfaCollector collector(String token) {
        Map<String, Object> values = new HashMap<>();
        values.put("okta.orgUrl", sandbox.baseUrl() + "/okta");
        values.put("okta.token", token);
        values.put("retry.initialBackoff", java.time.Duration.ofMillis(10));
        VigilConfig config = TestConfig.of(values);
        return new OktaUserMfaCollector(config, new ProviderHttp(config));
    }

    private RecordingContext collect(String token) {
        RecordingContext context = new RecordingContext(dir.resolve("store"));
        collector(token).collect(context);
        return context;
    }

    /** A targeted run: the one user an event hook named. */
    private RecordingContext collectUser(String id) {
        RecordingContext context = new RecordingContext(dir.resolve("store"));
        collector("sandbox-token").collect(context, new Target(OktaUserMfaCollector.NAME,
                OktaUserMfaCollector.TARGET_USER, id));
        return context;
    }

    /** A raw response as the run kept it in the evidence store. */
    private String stored(String sha256) {
        return new String(EvidenceStore.folder(dir.resolve("store")).get(sha256).orElseThrow(), StandardCharsets.UTF_8);
    }

    private static int requests(String pathRegex) {
        return sandbox.wireMock().findAll(WireMock.getRequestedFor(WireMock.urlPathMatching(pathRegex))).size();
    }

    @Test
    void readsAdministratorRolesOnlyForTheUsersTheListingNames() {
        RecordingContext run = collect("sandbox-token");
        assertThat(run.failures).isEmpty();
        Map<String, RecordingContext.Item> byKey = run.byKey();
        assertThat(byKey.get(KEY + "00ualice000demo00001").facts()).containsEntry("adminRoles", List.of("SUPER_ADMIN"));
        assertThat(byKey.get(KEY + "00ubob00000demo00002").facts())
                .containsEntry("adminRoles", List.of("READ_ONLY_ADMIN"));
        assertThat(byKey.get(KEY + "00ucarol000demo00003").facts())
                .containsEntry("adminRoles", List.of("HELP_DESK_ADMIN"));
        assertThat(byKey.get(KEY + "00udave0000demo00004").facts()).containsEntry("adminRoles", List.of());
        // carol's profile is cited from the second users page, her roles from her roles answer
        var carol = byKey.get(KEY + "00ucarol000demo00003").provenance();
        assertThat(carol.operation()).isEqualTo("GET /api/v1/users/{id}/factors");
        assertThat(carol.parameters()).isEqualTo(Map.of("userId", "00ucarol000demo00003"));
        assertThat(carol.supporting()).extracting(c -> c.operation()).containsExactly("GET /api/v1/users",
                "GET /api/v1/users/{id}/roles");
        assertThat(carol.supporting().get(0).parameters()).containsEntry("after", "00ubob00000demo00002");
        assertThat(carol.supporting().get(1).parameters()).isEqualTo(Map.of("userId", "00ucarol000demo00003"));
        assertThat(stored(carol.supporting().get(0).responseSha256())).contains("00ucarol000demo00003");
        assertThat(stored(carol.supporting().get(1).responseSha256())).contains("HELP_DESK_ADMIN");
        // dave holds no role: that is read from every page of the role holders' listing, all cited
        var dave = byKey.get(KEY + "00udave0000demo00004").provenance();
        assertThat(dave.supporting()).extracting(c -> c.operation()).containsExactly("GET /api/v1/users",
                "GET /api/v1/iam/assignees/users", "GET /api/v1/iam/assignees/users");
        assertThat(dave.supporting().get(2).parameters()).isEqualTo(Map.of("after", "00ubob00000demo00002"));
        assertThat(dave.responseSha256s()).hasSize(4).doesNotHaveDuplicates()
                .allSatisfy(sha -> assertThat(stored(sha)).isNotEmpty());
        // both pages of the listing, and one roles call per administrator: none for dave
        assertThat(requests("/okta/api/v1/iam/assignees/users")).isEqualTo(2);
        assertThat(requests("/okta/api/v1/users/[^/]+/roles")).isEqualTo(3);
    }

    @Test
    void aTokenThatMayNotReadRolesNamesTheScopeAndLeavesRolesUnknown() {
        RecordingContext run = collect("sandbox-no-roles-token");
        assertThat(run.failures).extracting(RunFailure::resourceType, RunFailure::resourceKey,
                RunFailure::missingPermission).containsExactly(tuple("okta.user", null, "okta.roles.read"));
        assertThat(run.failures.get(0).reason()).startsWith("cannot list administrator role assignments: GET "
                + sandbox.baseUrl() + "/okta/api/v1/iam/assignees/users answered HTTP 403: E0000006 ");
        // users and factors are still known; nobody's roles are presented as "none"
        assertThat(run.evidence).filteredOn(i -> i.resourceType().equals("okta.user")).hasSize(4)
                .allSatisfy(i -> assertThat(i.facts()).containsEntry("adminRoles", null));
        assertThat(requests("/okta/api/v1/users/[^/]+/roles")).isZero();
    }

    @Test
    void publishesEachActivePasswordPolicyCitingTheListing() {
        RecordingContext run = collect("sandbox-token");
        assertThat(run.failures).isEmpty();
        List<RecordingContext.Item> policies = run.evidence.stream()
                .filter(i -> i.resourceType().equals(OktaUserMfaCollector.TYPE_PASSWORD_POLICY)).toList();
        // Okta lists them by priority: the Contractors group's policy, then the default policy
        assertThat(policies).extracting(RecordingContext.Item::resourceKey).containsExactly(
                "okta:127.0.0.1:password-policy:00pcontract0demo0002",
                "okta:127.0.0.1:password-policy:00pdefault00demo0001");
        assertThat(policies.get(0).facts()).containsEntry("name", "Contractors").containsEntry("minLength", 8)
                .containsEntry("excludeCommonPasswords", false).containsEntry("lockoutMaxAttempts", 0)
                .containsEntry("groupsIncluded", List.of("00gcontract0demo0001"));
        assertThat(policies.get(1).facts()).containsEntry("default", true).containsEntry("minLength", 12)
                .containsEntry("lockoutMaxAttempts", 10);
        var provenance = policies.get(1).provenance();
        assertThat(provenance.operation()).isEqualTo("GET /api/v1/policies");
        assertThat(provenance.parameters()).isEqualTo(Map.of("type", "PASSWORD"));
        assertThat(stored(provenance.responseSha256s().get(0))).contains("00pdefault00demo0001");
        // one listing of each type: the password policies, the sign-on policies, then (the demo runs Identity Engine)
        // the authentication policies, in two pages
        assertThat(requests("/okta/api/v1/policies")).isEqualTo(4);
    }

    @Test
    void policiesInTwoPagesArePublishedEachCitingThePageThatListsItAndTheOther() {
        String api = sandbox.baseUrl() + "/okta/api/v1/policies";
        String policy = "{\"id\":\"%s\",\"status\":\"%s\",\"name\":\"%s\",\"system\":false,\"priority\":%d,"
                + "\"conditions\":{\"authProvider\":{\"provider\":\"OKTA\"}},\"type\":\"PASSWORD\"}";
        var page1 = sandbox.wireMock().stubFor(WireMock.get(WireMock.urlPathEqualTo("/okta/api/v1/policies"))
                .atPriority(1).withHeader("Authorization", WireMock.containing("sandbox-paged"))
                .withQueryParam("type", WireMock.equalTo("PASSWORD")).withQueryParam("after", WireMock.absent())
                .willReturn(WireMock.okJson("[" + policy.formatted("00pfirst", "ACTIVE", "First", 1) + ","
                                + policy.formatted("00pretired", "INACTIVE", "Retired", 2) + "]")
                        .withHeader("Link", "<" + api + "?type=PASSWORD&after=00pretired>; rel=\"next\"")));
        var page2 = sandbox.wireMock().stubFor(WireMock.get(WireMock.urlPathEqualTo("/okta/api/v1/policies"))
                .atPriority(1).withHeader("Authorization", WireMock.containing("sandbox-paged"))
                .withQueryParam("type", WireMock.equalTo("PASSWORD")).withQueryParam("after", WireMock.equalTo("00pretired"))
                .willReturn(WireMock.okJson("[" + policy.formatted("00psecond", "ACTIVE", "Second", 3) + "]")));
        try {
            RecordingContext run = collect("sandbox-paged-token");
            assertThat(run.failures).isEmpty();
            List<RecordingContext.Item> policies = run.evidence.stream()
                    .filter(i -> i.resourceType().equals(OktaUserMfaCollector.TYPE_PASSWORD_POLICY)).toList();
            // the inactive policy governs no one: not published
            assertThat(policies).extracting(i -> i.facts().get("name")).containsExactly("First", "Second");
            assertThat(policies.get(1).provenance().parameters())
                    .isEqualTo(Map.of("type", "PASSWORD", "after", "00pretired"));
            assertThat(policies.get(1).provenance().supporting()).singleElement()
                    .satisfies(c -> assertThat(c.parameters()).isEqualTo(Map.of("type", "PASSWORD")));
            assertThat(policies.get(0).provenance().supporting()).singleElement()
                    .satisfies(c -> assertThat(c.parameters()).containsEntry("after", "00pretired"));
        } finally {
            sandbox.wireMock().removeStub(page1);
            sandbox.wireMock().removeStub(page2);
        }
    }

    @Test
    void aTokenThatMayNotReadPoliciesNamesTheScopeAndStillPublishesUsers() {
        RecordingContext run = collect("sandbox-no-policies-token");
        assertThat(run.failures).extracting(RunFailure::resourceType, RunFailure::resourceKey,
                RunFailure::missingPermission).containsExactly(
                tuple("okta.password-policy", null, "okta.policies.read"),
                tuple("okta.sign-on-policy", null, "okta.policies.read"),
                tuple("okta.authentication-policy", null, null));
        assertThat(run.failures.get(2).reason()).startsWith("not read: without the sign-on policies it is not known "
                + "whether the org runs Identity Engine");
        assertThat(run.failures.get(0).reason()).startsWith("cannot list password policies: GET "
                + sandbox.baseUrl() + "/okta/api/v1/policies?type=PASSWORD answered HTTP 403: E0000006 ");
        assertThat(run.failures.get(1).reason()).startsWith("cannot list sign-on policies: GET "
                + sandbox.baseUrl() + "/okta/api/v1/policies?type=OKTA_SIGN_ON answered HTTP 403: E0000006 ");
        assertThat(run.evidence).extracting(RecordingContext.Item::resourceType).containsOnly("okta.user").hasSize(4);
    }

    @Test
    void publishesTheActiveSignOnPolicyWithItsRulesCitingBothAnswers() {
        RecordingContext run = collect("sandbox-token");
        assertThat(run.failures).isEmpty();
        // the inactive Legacy VPN policy governs no one: neither published nor its rules read
        assertThat(run.evidence).filteredOn(i -> i.resourceType().equals(OktaUserMfaCollector.TYPE_SIGN_ON_POLICY))
                .singleElement().satisfies(policy -> {
                    assertThat(policy.resourceKey()).isEqualTo("okta:127.0.0.1:sign-on-policy:00psignon00demo00001");
                    assertThat(policy.facts()).containsEntry("name", "Default Policy").containsEntry("default", true)
                            .containsEntry("status", "ACTIVE")
                            .containsEntry("groupsIncluded", List.of("00geveryone0demo0001"));
                    List<?> rules = (List<Object>) policy.facts().get("rules");
                    assertThat(rules).hasSize(2);
                    assertThat((Map<String, Object>) rules.get(0)).containsEntry("name", "Require MFA off the office network")
                            .containsEntry("network", "OFF_NETWORK").containsEntry("access", "ALLOW")
                            .containsEntry("requireFactor", true).containsEntry("factorPromptMode", "ALWAYS")
                            .containsEntry("primaryFactor", "PASSWORD_IDP_ANY_FACTOR")
                            .containsEntry("factorLifetimeMinutes", null).containsEntry("default", false)
                            .containsEntry("maxSessionIdleMinutes", 60).containsEntry("usersExcluded", List.of());
                    assertThat((Map<String, Object>) rules.get(1)).containsEntry("name", "Default Rule")
                            .containsEntry("default", true).containsEntry("network", "ANYWHERE")
                            .containsEntry("factorPromptMode", "SESSION").containsEntry("factorLifetimeMinutes", 480)
                            .containsEntry("maxSessionLifetimeMinutes", 720)
                            .containsEntry("usePersistentCookie", false);
                    var provenance = policy.provenance();
                    assertThat(provenance.operation()).isEqualTo("GET /api/v1/policies");
                    assertThat(provenance.parameters()).isEqualTo(Map.of("type", "OKTA_SIGN_ON"));
                    assertThat(provenance.supporting()).singleElement().satisfies(c -> {
                        assertThat(c.operation()).isEqualTo("GET /api/v1/policies/{id}/rules");
                        assertThat(c.parameters()).isEqualTo(Map.of("policyId", "00psignon00demo00001"));
                        assertThat(stored(c.responseSha256())).contains("0prsignon00demo00002");
                    });
                });
        assertThat(requests("/okta/api/v1/policies/00psignon00demo00001/rules")).isEqualTo(1);
        assertThat(requests("/okta/api/v1/policies/00psignon00demo00002/rules")).isZero();
    }

    @Test
    void rulesInTwoPagesAreReadWholeAndARefusedRulesReadPublishesNothingForThatPolicy() {
        String rules = sandbox.baseUrl() + "/okta/api/v1/policies/00psignon00demo00001/rules";
        String rule = "{\"id\":\"%s\",\"status\":\"ACTIVE\",\"name\":\"%s\",\"priority\":%d,\"system\":%b,"
                + "\"type\":\"SIGN_ON\",\"actions\":{\"signon\":{\"access\":\"ALLOW\",\"requireFactor\":%b}}}";
        var page1 = sandbox.wireMock().stubFor(WireMock.get(WireMock.urlPathEqualTo(
                        "/okta/api/v1/policies/00psignon00demo00001/rules")).atPriority(1)
                .withHeader("Authorization", WireMock.containing("sandbox-rules-in-pages"))
                .withQueryParam("after", WireMock.absent())
                .willReturn(WireMock.okJson("[" + rule.formatted("0proffice", "Office", 1, false, false) + "]")
                        .withHeader("Link", "<" + rules + "?after=0proffice>; rel=\"next\"")));
        var page2 = sandbox.wireMock().stubFor(WireMock.get(WireMock.urlPathEqualTo(
                        "/okta/api/v1/policies/00psignon00demo00001/rules")).atPriority(1)
                .withHeader("Authorization", WireMock.containing("sandbox-rules-in-pages"))
                .withQueryParam("after", WireMock.equalTo("0proffice"))
                .willReturn(WireMock.okJson("[" + rule.formatted("0prdefault", "Default Rule", 2, true, true) + "]")));
        var refused = sandbox.wireMock().stubFor(WireMock.get(WireMock.urlPathEqualTo(
                        "/okta/api/v1/policies/00psignon00demo00001/rules")).atPriority(1)
                .withHeader("Authorization", WireMock.containing("sandbox-refused-rules"))
                .willReturn(WireMock.aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody("{\"errorCode\":\"E0000006\",\"errorSummary\":\"You do not have permission to "
                                + "perform the requested action\"}")));
        try {
            RecordingContext run = collect("sandbox-rules-in-pages-token");
            assertThat(run.failures).isEmpty();
            RecordingContext.Item policy = run.evidence.stream()
                    .filter(i -> i.resourceType().equals(OktaUserMfaCollector.TYPE_SIGN_ON_POLICY)).findFirst()
                    .orElseThrow();
            assertThat((List<Object>) policy.facts().get("rules")).extracting(r -> ((Map<String, Object>) r).get("name"))
                    .containsExactly("Office", "Default Rule");
            assertThat(policy.provenance().supporting()).extracting(c -> c.parameters()).containsExactly(
                    Map.of("policyId", "00psignon00demo00001"),
                    Map.of("policyId", "00psignon00demo00001", "after", "0proffice"));

            RecordingContext denied = collect("sandbox-refused-rules-token");
            assertThat(denied.failures).extracting(RunFailure::resourceType, RunFailure::resourceKey,
                    RunFailure::missingPermission).containsExactly(tuple("okta.sign-on-policy",
                    "okta:127.0.0.1:sign-on-policy:00psignon00demo00001", "okta.policies.read"));
            assertThat(denied.failures.get(0).reason()).startsWith("cannot read the rules of sign-on policy "
                    + "00psignon00demo00001: GET " + rules + " answered HTTP 403: E0000006 ");
            assertThat(denied.evidence).noneMatch(i -> i.resourceType().equals(OktaUserMfaCollector.TYPE_SIGN_ON_POLICY));
        } finally {
            sandbox.wireMock().removeStub(page1);
            sandbox.wireMock().removeStub(page2);
            sandbox.wireMock().removeStub(refused);
        }
    }

    @Test
    void aTargetedReadPublishesTheUserAsARunOfEverythingDoes() {
        Map<String, RecordingContext.Item> full = collect("sandbox-token").byKey();
        sandbox.wireMock().resetRequests();
        for (String id : List.of("00ualice000demo00001", "00ucarol000demo00003", "00udave0000demo00004")) {
            RecordingContext run = collectUser(id);
            assertThat(run.failures).isEmpty();
            assertThat(run.evidence).singleElement().satisfies(item -> {
                RecordingContext.Item same = full.get(KEY + id);
                assertThat(item.resourceKey()).isEqualTo(same.resourceKey());
                assertThat(item.resourceType()).isEqualTo("okta.user");
                assertThat(item.facts()).isEqualTo(same.facts());
                assertThat(item.provenance().operation()).isEqualTo("GET /api/v1/users/{id}/factors");
                // the profile and status are cited from the user's own answer instead of a users page
                assertThat(item.provenance().supporting().get(0).operation()).isEqualTo("GET /api/v1/users/{id}");
                assertThat(item.provenance().supporting().get(0).parameters()).isEqualTo(Map.of("userId", id));
                assertThat(stored(item.provenance().supporting().get(0).responseSha256())).contains(id)
                        .doesNotContain("CANARY");
            });
        }
        // nobody listed: one user, its factors, the role holders (both pages) and the roles of the two admins
        assertThat(requests("/okta/api/v1/users")).isZero();
        assertThat(requests("/okta/api/v1/users/[^/]+")).isEqualTo(3);
        assertThat(requests("/okta/api/v1/users/[^/]+/factors")).isEqualTo(3);
        assertThat(requests("/okta/api/v1/users/[^/]+/roles")).isEqualTo(2);
    }

    @Test
    void aUserOktaNoLongerHasIsPublishedAsNothingAndNamedWithoutAPermission() {
        RecordingContext run = collectUser("00uerin0000demo00005");
        assertThat(run.evidence).isEmpty();
        assertThat(run.failures).singleElement().satisfies(f -> {
            assertThat(f.resourceType()).isEqualTo("okta.user");
            assertThat(f.resourceKey()).isEqualTo(KEY + "00uerin0000demo00005");
            assertThat(f.missingPermission()).isNull();
            assertThat(f.reason()).startsWith("user 00uerin0000demo00005 no longer exists in Okta (GET ")
                    .contains("answered HTTP 404").contains("E0000007")
                    .endsWith("nothing published; the next full collection no longer lists it, and its evidence "
                            + "leaves scope then");
        });
        assertThat(requests("/okta/api/v1/users/[^/]+/factors")).isZero();
    }
}
