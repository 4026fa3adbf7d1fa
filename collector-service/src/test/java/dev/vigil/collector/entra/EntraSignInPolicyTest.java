package dev.vigil.collector.entra;

import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.http.ProviderHttp;
import dev.vigil.collector.testing.RecordingContext;
import dev.vigil.collector.testing.TestConfig;
import dev.vigil.common.evidence.RunFailure;
import dev.vigil.common.store.EvidenceStore;
import dev.vigil.sandbox.Sandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The tenant's sign-in policy (security defaults and conditional access, LS-25) read from the sandbox's Graph at the
 * root of a host, as production's {@code https://graph.microsoft.com}: both pages of the conditional access policies
 * through {@code @odata.nextLink}, and a refusal that names Policy.Read.All and publishes no policy.
 */
@SuppressWarnings("unchecked") // facts are JSON-shaped maps and lists
class EntraSignInPolicyTest {
    static Sandbox sandbox;

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

    RecordingContext collect(String clientSecret) {
        Map<String, Object> values = new HashMap<>();
        values.put("entra.tenantId", "9e1f6c2a-7d4b-4c8e-a1f0-5a6b7c8d9e0f");
        values.put("entra.tenantDomain", "acme-demo.onmicrosoft.com");
        values.put("entra.clientId", "5c0ffee0-0000-4000-8000-sandbox00001");
        values.put("entra.clientSecret", clientSecret);
        values.put("entra.authorityUrl", sandbox.rootUrl(Sandbox.Provider.ENTRA_LOGIN));
        values.put("entra.graphUrl", sandbox.rootUrl(Sandbox.Provider.MICROSOFT_GRAPH));
        values.put("entra.pageSize", 2);
        values.put("retry.initialBackoff", Duration.ofMillis(10));
        VigilConfig config = TestConfig.of(values);
        RecordingContext context = new RecordingContext(dir.resolve("store"));
        new EntraIdUsersCollector(config, new ProviderHttp(config)).collect(context);
        return context;
    }

    @Test
    void securityDefaultsAndEveryConditionalAccessPolicyMakeOneItem() {
        RecordingContext run = collect("sandbox-client-secret");
        assertThat(run.failures).isEmpty();
        assertThat(run.evidence).filteredOn(i -> i.resourceType().equals(EntraIdUsersCollector.TYPE)).hasSize(4);
        RecordingContext.Item policy = run.evidence.stream()
                .filter(i -> i.resourceType().equals(EntraIdUsersCollector.TYPE_SIGN_IN_POLICY)).findFirst()
                .orElseThrow();
        assertThat(policy.resourceKey()).isEqualTo("entra:acme-demo.onmicrosoft.com:sign-in-policy");
        assertThat(policy.facts()).containsEntry("securityDefaultsEnabled", false);
        List<?> policies = (List<Object>) policy.facts().get("conditionalAccessPolicies");
        // the second page, through the next link at the root of the host
        assertThat(policies).extracting(p -> ((Map<String, Object>) p).get("name")).containsExactly(
                "Block legacy authentication", "Require MFA for all users",
                "Phishing-resistant MFA for administrators (report-only)");
        assertThat((Map<String, Object>) policies.get(1)).containsEntry("state", "enabled")
                .containsEntry("includeUsers", List.of("All"))
                .containsEntry("excludeUsers", List.of("9b0c1d2e-5555-4f00-8a00-0b5eaa000001"))
                .containsEntry("includeApplications", List.of("All")).containsEntry("clientAppTypes", List.of("all"))
                .containsEntry("includeLocations", null).containsEntry("grantOperator", "OR")
                .containsEntry("builtInControls", List.of("mfa")).containsEntry("authenticationStrength", null);
        assertThat((Map<String, Object>) policies.get(2)).containsEntry("state", "enabledForReportingButNotEnforced")
                .containsEntry("authenticationStrength", "Phishing-resistant MFA")
                .containsEntry("builtInControls", List.of());
        var provenance = policy.provenance();
        assertThat(provenance.operation()).isEqualTo("GET /v1.0/policies/identitySecurityDefaultsEnforcementPolicy");
        assertThat(stored(provenance.responseSha256s().get(0))).contains("\"isEnabled\":false");
        assertThat(provenance.supporting()).extracting(c -> c.operation()).containsExactly(
                "GET /v1.0/identity/conditionalAccess/policies", "GET /v1.0/identity/conditionalAccess/policies");
        assertThat(provenance.supporting().get(1).parameters()).containsEntry("$skiptoken", "Q0FQb2xpY2llcy1wYWdlLTI");
        assertThat(stored(provenance.supporting().get(1).responseSha256())).contains("Phishing-resistant MFA");
    }

    @Test
    void anAppRegistrationWithoutPolicyReadAllIsNamedAndPublishesNoPolicy() {
        RecordingContext run = collect("sandbox-limited");
        // the limited app registration has neither Policy.Read.All nor AuditLog.Read.All: both named
        assertThat(run.failures).extracting(RunFailure::resourceType, RunFailure::resourceKey,
                RunFailure::missingPermission).containsExactly(
                tuple(EntraIdUsersCollector.TYPE_SIGN_IN_POLICY, null, "Policy.Read.All"),
                tuple(EntraIdUsersCollector.TYPE, null, "AuditLog.Read.All"));
        assertThat(run.failures.get(0).reason()).isEqualTo("cannot read the sign-in policy (security defaults and "
                + "conditional access): GET " + sandbox.rootUrl(Sandbox.Provider.MICROSOFT_GRAPH)
                + "/v1.0/policies/identitySecurityDefaultsEnforcementPolicy answered HTTP 403: AccessDenied: You "
                + "cannot perform the requested operation, required scopes are missing in the token.");
        assertThat(run.evidence).isEmpty();
    }

    private String stored(String sha256) {
        return new String(EvidenceStore.folder(dir.resolve("store")).get(sha256).orElseThrow(), StandardCharsets.UTF_8);
    }
}
