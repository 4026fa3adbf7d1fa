package dev.vigil.collector.google;

import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.http.ProviderHttp;
import dev.vigil.collector.testing.RecordingContext;
import dev.vigil.collector.testing.TestConfig;
import dev.vigil.common.evidence.RunFailure;
import dev.vigil.common.store.EvidenceStore;
import dev.vigil.sandbox.DemoServiceAccountKey;
import dev.vigil.sandbox.Sandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The customer's password policies (Cloud Identity Policy API, LS-25) read from the sandbox at the root of a host,
 * as production's {@code https://cloudidentity.googleapis.com}: both pages through {@code nextPageToken}, and a
 * refusal that names the scope and publishes no policy.
 */
class GooglePasswordPoliciesTest {
    static Sandbox sandbox;
    static Path key;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(0);
        key = DemoServiceAccountKey.write(Files.createTempDirectory("vigil-google-key").resolve("key.json"), "test-key");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    RecordingContext collect(String customer) {
        Map<String, Object> values = new HashMap<>();
        values.put("google.domain", "acme-demo.com");
        values.put("google.subject", "hana.kim@acme-demo.com");
        values.put("google.customer", customer);
        values.put("google.credentialsFile", key.toString());
        values.put("google.directoryUrl", sandbox.rootUrl(Sandbox.Provider.GOOGLE));
        values.put("google.policiesUrl", sandbox.rootUrl(Sandbox.Provider.GOOGLE));
        values.put("google.tokenUrl", sandbox.rootUrl(Sandbox.Provider.GOOGLE) + "/token");
        values.put("google.pageSize", 2);
        values.put("retry.initialBackoff", Duration.ofMillis(10));
        VigilConfig config = TestConfig.of(values);
        RecordingContext context = new RecordingContext(dir.resolve("store"));
        new GoogleWorkspaceUsersCollector(config, new ProviderHttp(config)).collect(context);
        return context;
    }

    @Test
    void eachPasswordPolicyOfBothPagesIsPublishedCitingThePageThatListsIt() {
        RecordingContext run = collect("my_customer");
        assertThat(run.failures).isEmpty();
        assertThat(run.evidence).filteredOn(i -> i.resourceType().equals(GoogleWorkspaceUsersCollector.TYPE))
                .hasSize(3);
        List<RecordingContext.Item> policies = run.evidence.stream()
                .filter(i -> i.resourceType().equals(GoogleWorkspaceUsersCollector.TYPE_PASSWORD_POLICY)).toList();
        assertThat(policies).extracting(RecordingContext.Item::resourceKey).containsExactly(
                "google:acme-demo.com:password-policy:ahv4hg7qc24kvaghb7zihwf4riid4",
                "google:acme-demo.com:password-policy:ahv4hg7qc24kvaghb7zihwf4rjeng");
        assertThat(policies.get(0).facts()).isEqualTo(dev.vigil.collector.testing.Facts.of(
                "policyName", "policies/ahv4hg7qc24kvaghb7zihwf4riid4",
                "policyType", "ADMIN",
                "orgUnit", "orgUnits/03ph8a2z1enx5rc",
                "group", null,
                "minimumLength", 8,
                "maximumLength", 100,
                "allowedStrength", "STRONG",
                "enforceRequirementsAtLogin", false,
                "allowReuse", true,
                "expirationDays", 0));
        assertThat(policies.get(1).facts()).containsEntry("minimumLength", 14).containsEntry("allowReuse", false)
                .containsEntry("orgUnit", "orgUnits/03ph8a2z3engin9");
        var first = policies.get(0).provenance();
        assertThat(first.operation()).isEqualTo("GET /v1/policies");
        assertThat(first.parameters()).isEqualTo(Map.of("filter", "customer == \"customers/my_customer\" && "
                + "setting.type.matches('^settings/security\\\\.(password|two_step_verification_enforcement)$')",
                "pageSize", "100"));
        assertThat(first.supporting()).singleElement().satisfies(c -> {
            assertThat(c.parameters()).containsEntry("pageToken", "UE9MSUNJRVMtcGFnZS0y");
            assertThat(stored(c.responseSha256())).contains("ahv4hg7qc24kvaghb7zihwf4rjeng");
        });
        assertThat(stored(first.responseSha256s().get(0))).contains("\"minimumLength\":8");
        // the root unit's 2-Step Verification enforcement, listed on the first page beside its password policy
        assertThat(run.evidence).filteredOn(i -> i.resourceType().equals(
                GoogleWorkspaceUsersCollector.TYPE_TWO_STEP_POLICY)).singleElement().satisfies(item -> {
                    assertThat(item.resourceKey()).isEqualTo(
                            "google:acme-demo.com:two-step-verification-policy:ahv4hg7qc24kvaghb7zi2sv0root");
                    assertThat(item.facts()).containsEntry("orgUnit", "orgUnits/03ph8a2z1enx5rc")
                            .containsEntry("enforcedFrom", "2025-03-01T00:00:00Z").containsKey("observedAt");
                    assertThat(item.provenance().parameters()).doesNotContainKey("pageToken");
                });
    }

    @Test
    void aCustomerWhosePoliciesAreRefusedNamesTheScopeAndPublishesNoPolicy() {
        RecordingContext run = collect("sandbox-limited");
        assertThat(run.failures).extracting(RunFailure::resourceType, RunFailure::resourceKey,
                RunFailure::missingPermission).containsExactly(
                tuple(GoogleWorkspaceUsersCollector.TYPE_PASSWORD_POLICY, null,
                        "https://www.googleapis.com/auth/cloud-identity.policies.readonly (domain-wide delegation)"),
                tuple(GoogleWorkspaceUsersCollector.TYPE_TWO_STEP_POLICY, null,
                        "https://www.googleapis.com/auth/cloud-identity.policies.readonly (domain-wide delegation)"),
                tuple(GoogleWorkspaceUsersCollector.TYPE, null,
                        "https://www.googleapis.com/auth/admin.directory.user.readonly (domain-wide delegation)"));
        assertThat(run.failures.get(0).reason()).startsWith("cannot list password policies: GET "
                + sandbox.rootUrl(Sandbox.Provider.GOOGLE) + "/v1/policies?filter=").endsWith(
                " answered HTTP 403: The caller does not have permission");
        assertThat(run.evidence).isEmpty();
    }

    private String stored(String sha256) {
        return new String(EvidenceStore.folder(dir.resolve("store")).get(sha256).orElseThrow(), StandardCharsets.UTF_8);
    }
}
