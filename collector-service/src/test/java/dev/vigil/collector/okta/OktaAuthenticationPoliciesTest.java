package dev.vigil.collector.okta;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.http.ProviderHttp;
import dev.vigil.collector.testing.RecordingContext;
import dev.vigil.collector.testing.TestConfig;
import dev.vigil.common.evidence.RunFailure;
import dev.vigil.common.store.EvidenceStore;
import dev.vigil.sandbox.Sandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * Identity Engine's authentication policies (LS-25) read from the sandbox org served at the root of a host, as
 * production's {@code https://acme.okta.com}: the {@code ACCESS_POLICY} listing in two pages by {@code Link} header,
 * each active policy's rules (every page), a refused rules read, and a Classic Engine org that has none to read.
 */
@SuppressWarnings("unchecked") // facts are JSON-shaped maps and lists
class OktaAuthenticationPoliciesTest {
    private static final String KEY = "okta:127.0.0.1:authentication-policy:";
    private static final String DASHBOARD = "rstdashboard0demo001";
    private static final String DEFAULT = "rstdefault00demo0001";
    private static Sandbox sandbox;

    @TempDir
    Path dir;

    private final List<StubMapping> stubs = new ArrayList<>();

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

    @AfterEach
    void removeStubs() {
        stubs.forEach(sandbox.wireMock()::removeStub);
    }

    private String root() {
        return sandbox.rootUrl(Sandbox.Provider.OKTA);
    }

    private RecordingContext collect(String token) {
        Map<String, Object> values = new HashMap<>();
        values.put("okta.orgUrl", root());
        values.put("okta.token", token);
        values.put("retry.initialBackoff", Duration.ofMillis(10));
        VigilConfig config = TestConfig.of(values);
        RecordingContext context = new RecordingContext(dir.resolve("store"));
        new OktaUserMfaCollector(config, new ProviderHttp(config)).collect(context);
        return context;
    }

    private static List<RecordingContext.Item> authenticationPolicies(RecordingContext run) {
        return run.evidence.stream()
                .filter(i -> i.resourceType().equals(OktaUserMfaCollector.TYPE_AUTHENTICATION_POLICY)).toList();
    }

    private String stored(String sha256) {
        return new String(EvidenceStore.folder(dir.resolve("store")).get(sha256).orElseThrow(), StandardCharsets.UTF_8);
    }

    /** Requests as the sandbox saw them: under its /okta prefix, whatever port they came in on. */
    private static int requests(String pathRegex) {
        return sandbox.wireMock().findAll(WireMock.getRequestedFor(WireMock.urlPathMatching(pathRegex))).size();
    }

    private static int accessPolicyListings() {
        return sandbox.wireMock().findAll(WireMock.getRequestedFor(WireMock.urlPathEqualTo("/okta/api/v1/policies"))
                .withQueryParam("type", WireMock.equalTo("ACCESS_POLICY"))).size();
    }

    /** A stub answering only {@code token}'s requests, ahead of the demo's own. */
    private void stub(String token, MappingBuilder request) {
        stubs.add(sandbox.wireMock().stubFor(request.atPriority(1)
                .withHeader("Authorization", WireMock.containing(token))));
    }

    /** The demo's global session policy with one rule, as {@code token} reads it. */
    private void sessionRule(String token, String signon) {
        stub(token, WireMock.get(WireMock.urlPathEqualTo("/okta/api/v1/policies/00psignon00demo00001/rules"))
                .willReturn(WireMock.okJson("[{\"id\":\"0prsession\",\"status\":\"ACTIVE\",\"name\":\"Default Rule\","
                        + "\"priority\":1,\"system\":true,\"type\":\"SIGN_ON\",\"actions\":{\"signon\":" + signon
                        + "}}]")));
    }

    @Test
    void bothPagesOfTheListingArePublishedWithTheirRulesEachCitingItsPageTheOtherAndItsRules() {
        RecordingContext run = collect("sandbox-token");
        assertThat(run.failures).isEmpty();
        List<RecordingContext.Item> policies = authenticationPolicies(run);
        assertThat(policies).extracting(RecordingContext.Item::resourceKey)
                .containsExactly(KEY + DASHBOARD, KEY + DEFAULT);

        RecordingContext.Item dashboard = policies.get(0);
        assertThat(dashboard.facts()).containsEntry("name", "Okta Dashboard").containsEntry("default", false)
                .containsEntry("groupsIncluded", null)
                // both of the demo's global session rules require a second factor
                .containsEntry("globalSessionRequiresSecondFactor", true);
        assertThat((List<Map<String, Object>>) dashboard.facts().get("rules"))
                .extracting(r -> r.get("name"), r -> r.get("factorMode"), r -> r.get("default"))
                .containsExactly(tuple("Administrators: phishing-resistant", "2FA", false),
                        tuple("Catch-all Rule", "2FA", true));

        RecordingContext.Item fallback = policies.get(1);
        assertThat(fallback.facts()).containsEntry("name", "Default Policy").containsEntry("default", true);
        assertThat((List<Map<String, Object>>) fallback.facts().get("rules")).singleElement().satisfies(r ->
                assertThat(r).containsEntry("access", "ALLOW").containsEntry("factorMode", "1FA")
                        .containsEntry("verificationType", "ASSURANCE").containsEntry("reauthenticateIn", "PT12H")
                        .containsEntry("network", null));
        // the second page is the main answer; the first page and the rules support it
        var provenance = fallback.provenance();
        assertThat(provenance.operation()).isEqualTo("GET /api/v1/policies");
        assertThat(provenance.parameters()).isEqualTo(Map.of("type", "ACCESS_POLICY", "after", DASHBOARD));
        assertThat(provenance.supporting()).extracting(c -> c.operation(), c -> c.parameters()).containsExactly(
                tuple("GET /api/v1/policies", Map.of("type", "ACCESS_POLICY")),
                tuple("GET /api/v1/policies/{id}/rules", Map.of("policyId", DEFAULT)));
        assertThat(stored(provenance.supporting().get(1).responseSha256())).contains("rulcatchall0demo0002")
                .contains(root() + "/api/v1/policies/" + DEFAULT);
        assertThat(stored(provenance.responseSha256s().get(0))).contains(DEFAULT);
        assertThat(accessPolicyListings()).isEqualTo(2);
        assertThat(requests("/okta/api/v1/policies/" + DASHBOARD + "/rules")).isEqualTo(1);
        assertThat(requests("/okta/api/v1/policies/" + DEFAULT + "/rules")).isEqualTo(1);
    }

    @Test
    void rulesInTwoPagesAreReadWholeAndARefusedRulesReadPublishesNothingForThatPolicy() {
        String rules = "/okta/api/v1/policies/" + DEFAULT + "/rules";
        String rule = "{\"id\":\"%s\",\"status\":\"ACTIVE\",\"name\":\"%s\",\"priority\":%d,\"system\":%b,"
                + "\"type\":\"ACCESS_POLICY\",\"actions\":{\"appSignOn\":{\"access\":\"ALLOW\",\"verificationMethod\":"
                + "{\"type\":\"ASSURANCE\",\"factorMode\":\"%s\",\"reauthenticateIn\":\"PT2H\"}}}}";
        stub("sandbox-auth-rules-in-pages", WireMock.get(WireMock.urlPathEqualTo(rules))
                .withQueryParam("after", WireMock.absent())
                .willReturn(WireMock.okJson("[" + rule.formatted("rulcontractors", "Contractors", 0, false, "2FA") + "]")
                        // the sandbox's own address: served at the root, it is rewritten to the root's
                        .withHeader("Link", "<" + sandbox.baseUrl() + rules + "?after=rulcontractors>; rel=\"next\"")));
        stub("sandbox-auth-rules-in-pages", WireMock.get(WireMock.urlPathEqualTo(rules))
                .withQueryParam("after", WireMock.equalTo("rulcontractors"))
                .willReturn(WireMock.okJson("[" + rule.formatted("rulcatchall", "Catch-all Rule", 1, true, "1FA") + "]")));
        stub("sandbox-refused-auth-rules", WireMock.get(WireMock.urlPathEqualTo(rules))
                .willReturn(WireMock.aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody("{\"errorCode\":\"E0000006\",\"errorSummary\":\"You do not have permission to "
                                + "perform the requested action\"}")));

        RecordingContext paged = collect("sandbox-auth-rules-in-pages-token");
        assertThat(paged.failures).isEmpty();
        RecordingContext.Item fallback = paged.byKey().get(KEY + DEFAULT);
        assertThat((List<Map<String, Object>>) fallback.facts().get("rules")).extracting(r -> r.get("name"))
                .containsExactly("Contractors", "Catch-all Rule");
        assertThat(fallback.provenance().supporting()).extracting(c -> c.parameters()).containsExactly(
                Map.of("type", "ACCESS_POLICY"),
                Map.of("policyId", DEFAULT),
                Map.of("policyId", DEFAULT, "after", "rulcontractors"));

        RecordingContext denied = collect("sandbox-refused-auth-rules-token");
        assertThat(denied.failures).extracting(RunFailure::resourceType, RunFailure::resourceKey,
                RunFailure::missingPermission).containsExactly(tuple("okta.authentication-policy", KEY + DEFAULT,
                "okta.policies.read"));
        assertThat(denied.failures.get(0).reason()).startsWith("cannot read the rules of authentication policy "
                + DEFAULT + ": GET " + root() + "/api/v1/policies/" + DEFAULT + "/rules answered HTTP 403: E0000006 ");
        // the other policy's rules were read: it is still published, and the sign-on policy with it
        assertThat(authenticationPolicies(denied)).extracting(RecordingContext.Item::resourceKey)
                .containsExactly(KEY + DASHBOARD);
        assertThat(denied.evidence).anyMatch(i -> i.resourceType().equals(OktaUserMfaCollector.TYPE_SIGN_ON_POLICY));
    }

    @Test
    void aRefusedListingNamesTheScopeAndPublishesNoAuthenticationPolicy() {
        stub("sandbox-no-access-policies", WireMock.get(WireMock.urlPathEqualTo("/okta/api/v1/policies"))
                .withQueryParam("type", WireMock.equalTo("ACCESS_POLICY"))
                .willReturn(WireMock.aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody("{\"errorCode\":\"E0000006\",\"errorSummary\":\"You do not have permission to "
                                + "perform the requested action\"}")));
        RecordingContext run = collect("sandbox-no-access-policies-token");
        assertThat(run.failures).extracting(RunFailure::resourceType, RunFailure::resourceKey,
                RunFailure::missingPermission).containsExactly(tuple("okta.authentication-policy", null,
                "okta.policies.read"));
        assertThat(run.failures.get(0).reason()).startsWith("cannot list authentication policies: GET " + root()
                + "/api/v1/policies?type=ACCESS_POLICY answered HTTP 403: E0000006 ");
        assertThat(authenticationPolicies(run)).isEmpty();
        assertThat(run.evidence).anyMatch(i -> i.resourceType().equals(OktaUserMfaCollector.TYPE_SIGN_ON_POLICY));
    }

    @Test
    void aGlobalSessionRuleLeavingTheFactorToTheAppsIsCarriedIntoEveryAuthenticationPolicy() {
        sessionRule("sandbox-apps-decide", "{\"access\":\"ALLOW\",\"requireFactor\":false,"
                + "\"primaryFactor\":\"PASSWORD_IDP_ANY_FACTOR\"}");
        RecordingContext run = collect("sandbox-apps-decide-token");
        assertThat(run.failures).isEmpty();
        assertThat(authenticationPolicies(run)).hasSize(2)
                .allSatisfy(i -> assertThat(i.facts()).containsEntry("globalSessionRequiresSecondFactor", false));
    }

    @Test
    void aClassicEngineOrgReadsNoAuthenticationPolicy() {
        // no primaryFactor: Classic Engine, where the sign-on policy alone decides
        sessionRule("sandbox-classic", "{\"access\":\"ALLOW\",\"requireFactor\":true,\"factorPromptMode\":\"DEVICE\"}");
        RecordingContext run = collect("sandbox-classic-token");
        assertThat(run.failures).isEmpty();
        assertThat(authenticationPolicies(run)).isEmpty();
        assertThat(run.evidence).anyMatch(i -> i.resourceType().equals(OktaUserMfaCollector.TYPE_SIGN_ON_POLICY));
        assertThat(accessPolicyListings()).isZero();
    }
}
