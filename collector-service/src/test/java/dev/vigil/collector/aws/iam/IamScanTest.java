package dev.vigil.collector.aws.iam;

import dev.vigil.collector.aws.AwsFixtureClients;
import dev.vigil.collector.aws.FixtureHttpClient;
import dev.vigil.collector.testing.Facts;
import dev.vigil.collector.testing.Fixtures;
import dev.vigil.collector.testing.RecordingContext;
import dev.vigil.common.evidence.Hashing;
import dev.vigil.common.evidence.Redactor;
import dev.vigil.common.evidence.RunFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Recorded IAM query-protocol responses, unmarshalled by the real SDK, to facts and failures. */
class IamScanTest {
    private static final String PREFIX = "aws:111122223333:iam:";

    @TempDir
    Path store;

    private FixtureHttpClient everything() {
        return new FixtureHttpClient(getClass())
                .answer("GenerateCredentialReport@aws-global", 200, "generate-started.xml")
                .answer("GenerateCredentialReport@aws-global", 200, "generate-complete.xml")
                .answer("GetCredentialReport@aws-global", 200, "get-credential-report.xml")
                .answer("GetAccountPasswordPolicy@aws-global", 200, "password-policy.xml")
                .answer("ListEntitiesForPolicy@aws-global", 200, "entities-page-1.xml")
                .answer("ListEntitiesForPolicy@aws-global#page-2", 200, "entities-page-2.xml");
    }

    @Test
    void everyUserOfTheCredentialReportWithConsoleMfaAndKeys() throws InterruptedException {
        FixtureHttpClient http = everything();
        RecordingContext context = scan(http);

        assertThat(context.failures).isEmpty();
        // IAM was still building the report at the first call: the scan asked again until COMPLETE.
        assertThat(http.requested).containsSubsequence("GenerateCredentialReport@aws-global",
                "GenerateCredentialReport@aws-global", "GetCredentialReport@aws-global");
        assertThat(context.evidence).filteredOn(i -> i.resourceType().equals("aws.iam.user"))
                .extracting(RecordingContext.Item::resourceKey)
                .containsExactly(PREFIX + "user/alice.admin", PREFIX + "user/bob.ops", PREFIX + "user/ci-deploy");
        assertThat(context.byKey().get(PREFIX + "user/alice.admin").facts()).isEqualTo(Facts.of(
                "user", "alice.admin",
                "arn", "arn:aws:iam::111122223333:user/alice.admin",
                "createdAt", "2022-05-01T09:00:00+00:00",
                "consoleAccess", true,
                "passwordLastUsed", "2026-11-20T08:30:00+00:00",
                "mfaActive", true,
                "accessKeys", List.of()));
        assertThat(context.byKey().get(PREFIX + "user/bob.ops").facts())
                .containsEntry("consoleAccess", true)
                .containsEntry("passwordLastUsed", null) // "no_information": never signed in
                .containsEntry("mfaActive", false);
        assertThat(context.byKey().get(PREFIX + "user/ci-deploy").facts())
                .containsEntry("consoleAccess", false)
                .containsEntry("accessKeys", List.of(
                        key(1, true, "2025-01-15T11:00:00+00:00", "2026-11-22T23:10:00+00:00"),
                        key(2, false, "2023-04-01T08:00:00+00:00", "2024-01-02T10:00:00+00:00")));
    }

    @Test
    void rootUserFromItsOwnRow() throws InterruptedException {
        RecordingContext context = scan(everything());

        RecordingContext.Item root = context.byKey().get(PREFIX + "root");
        assertThat(root.resourceType()).isEqualTo("aws.iam.root");
        assertThat(root.facts()).isEqualTo(Facts.of(
                "arn", "arn:aws:iam::111122223333:root",
                "passwordLastUsed", "2026-09-30T07:12:00+00:00",
                "mfaActive", false,
                "accessKeys", List.of(key(1, true, "2021-03-04T10:20:00+00:00", "2026-11-01T12:00:00+00:00"))));
        byte[] recorded = Redactor.redactBody(Fixtures.bytes(getClass(), "get-credential-report.xml"));
        assertThat(root.provenance().operation()).isEqualTo("iam:GetCredentialReport");
        assertThat(root.provenance().parameters())
                .containsEntry("user", "<root_account>").containsEntry("GeneratedTime", "2026-11-23T02:00:00Z");
        assertThat(root.provenance().responseSha256()).isEqualTo(Hashing.sha256Hex(recorded));
    }

    @Test
    void passwordPolicyAndAdministrators() throws InterruptedException {
        RecordingContext context = scan(everything());

        assertThat(context.byKey().get(PREFIX + "password-policy").facts()).isEqualTo(Facts.of(
                "configured", true, "minimumLength", 14, "requireUppercase", true, "requireLowercase", true,
                "requireNumbers", true, "requireSymbols", true, "reuseHistory", 24, "maxAgeDays", 90,
                "hardExpiry", false, "usersCanChange", true));
        assertThat(context.evidence).filteredOn(i -> i.resourceType().equals("aws.iam.admin-principal"))
                .extracting(RecordingContext.Item::resourceKey, i -> i.facts().get("principalType"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(PREFIX + "user/alice.admin:AdministratorAccess", "user"),
                        org.assertj.core.groups.Tuple.tuple(PREFIX + "group/Administrators:AdministratorAccess", "group"),
                        org.assertj.core.groups.Tuple.tuple(
                                PREFIX + "role/OrganizationAccountAccessRole:AdministratorAccess", "role"));
        // Each principal cites the page it was listed on.
        String page2 = Hashing.sha256Hex(Redactor.redactBody(Fixtures.bytes(getClass(), "entities-page-2.xml")));
        assertThat(context.byKey().get(PREFIX + "role/OrganizationAccountAccessRole:AdministratorAccess")
                .provenance().responseSha256()).isEqualTo(page2);
    }

    @Test
    void noPasswordPolicyIsAFactNotAFailure() throws InterruptedException {
        FixtureHttpClient http = new FixtureHttpClient(getClass())
                .answer("GenerateCredentialReport@aws-global", 200, "generate-complete.xml")
                .answer("GetCredentialReport@aws-global", 200, "get-credential-report.xml")
                .answer("GetAccountPasswordPolicy@aws-global", 404, "error-no-such-entity.xml")
                .answer("ListEntitiesForPolicy@aws-global", 200, "entities-page-2.xml");
        RecordingContext context = scan(http);

        assertThat(context.failures).isEmpty();
        assertThat(context.byKey().get(PREFIX + "password-policy").facts()).isEqualTo(Facts.of(
                "configured", false, "minimumLength", null, "requireUppercase", false, "requireLowercase", false,
                "requireNumbers", false, "requireSymbols", false, "reuseHistory", null, "maxAgeDays", null,
                "hardExpiry", false, "usersCanChange", false));
    }

    @Test
    void deniedReportIsAFailureOfUsersAndRootNamingTheAction() throws InterruptedException {
        FixtureHttpClient http = new FixtureHttpClient(getClass())
                .answer("GenerateCredentialReport@aws-global", 403, "error-access-denied.xml")
                .answer("GetAccountPasswordPolicy@aws-global", 403, "error-access-denied.xml")
                .answer("ListEntitiesForPolicy@aws-global", 200, "entities-page-2.xml");
        RecordingContext context = scan(http);

        assertThat(context.failures).containsExactly(
                new RunFailure("aws.iam.user", null, "cannot generate the credential report: HTTP 403 AccessDenied",
                        "iam:GenerateCredentialReport"),
                new RunFailure("aws.iam.root", null, "cannot generate the credential report: HTTP 403 AccessDenied",
                        "iam:GenerateCredentialReport"),
                new RunFailure("aws.iam.password-policy", PREFIX + "password-policy",
                        "cannot read the account password policy: HTTP 403 AccessDenied", "iam:GetAccountPasswordPolicy"));
        // What could not be read yields no evidence; what could, does.
        assertThat(context.evidence).extracting(RecordingContext.Item::resourceType)
                .containsOnly("aws.iam.admin-principal");
    }

    @Test
    void eachUsersEmailTagIsReadWhenConfiguredAndCited() throws InterruptedException {
        FixtureHttpClient http = everything()
                .answer("ListUserTags@aws-global", 200, "user-tags-alice.xml")
                .answer("ListUserTags@aws-global", 200, "user-tags-none.xml");
        RecordingContext context = scan(http, "email");

        assertThat(context.failures).isEmpty();
        // the tag's key is matched without regard to case, its value kept in lower case
        assertThat(context.byKey().get(PREFIX + "user/alice.admin").facts())
                .containsEntry("emailTag", "alice@acme-demo.example").containsEntry("tagsRead", true)
                .containsEntry("mfaActive", true);
        assertThat(context.byKey().get(PREFIX + "user/ci-deploy").facts())
                .containsEntry("emailTag", null).containsEntry("tagsRead", true);
        String tags = Hashing.sha256Hex(Redactor.redactBody(Fixtures.bytes(getClass(), "user-tags-alice.xml")));
        assertThat(context.byKey().get(PREFIX + "user/alice.admin").provenance().supporting())
                .anySatisfy(c -> {
                    assertThat(c.operation()).isEqualTo("iam:ListUserTags");
                    assertThat(c.responseSha256()).isEqualTo(tags);
                });
    }

    @Test
    void deniedTagsLeaveTheUserWithUnreadTagsNotAGapInItsMfa() throws InterruptedException {
        FixtureHttpClient http = everything().answer("ListUserTags@aws-global", 403, "error-access-denied.xml");
        RecordingContext context = scan(http, "email");

        // the user's MFA and keys are known; only who it belongs to is not (the identity join says so)
        assertThat(context.failures).isEmpty();
        assertThat(context.byKey().get(PREFIX + "user/bob.ops").facts())
                .containsEntry("mfaActive", false).containsEntry("emailTag", null).containsEntry("tagsRead", false)
                .hasEntrySatisfying("tagsUnreadReason", r -> assertThat((String) r)
                        .contains("read the tags of IAM user bob.ops", "AccessDenied"));
    }

    @Test
    void noTagIsAskedForWhenNoneIsConfigured() throws InterruptedException {
        FixtureHttpClient http = everything();
        RecordingContext context = scan(http);

        assertThat(http.requested).noneMatch(r -> r.startsWith("ListUserTags"));
        assertThat(context.byKey().get(PREFIX + "user/bob.ops").facts()).doesNotContainKey("emailTag");
    }

    /** A targeted read of alice.admin: her own calls, answering as the credential report does. */
    private FixtureHttpClient alice() {
        return alice(200, "mfa-devices-alice.xml");
    }

    private FixtureHttpClient alice(int mfaStatus, String mfaDevices) {
        return new FixtureHttpClient(getClass())
                .answer("GetUser@aws-global", 200, "get-user-alice.xml")
                .answer("GetLoginProfile@aws-global", 200, "login-profile-alice.xml")
                .answer("ListMFADevices@aws-global", mfaStatus, mfaDevices)
                .answer("ListAccessKeys@aws-global", 200, "access-keys-none.xml")
                .answer("ListUserTags@aws-global", 200, "user-tags-alice.xml");
    }

    @Test
    void aUserTargetPublishesThatUserWithTheFactsOfAFullRunFromItsOwnCalls() throws InterruptedException {
        RecordingContext full = scan(everything().answer("ListUserTags@aws-global", 200, "user-tags-alice.xml"),
                "email");
        FixtureHttpClient http = alice();
        RecordingContext targeted = user(http, "alice.admin", "email");

        assertThat(targeted.failures).isEmpty();
        assertThat(targeted.byKey()).containsOnlyKeys(PREFIX + "user/alice.admin");
        assertThat(targeted.byKey().get(PREFIX + "user/alice.admin").facts())
                .isEqualTo(full.byKey().get(PREFIX + "user/alice.admin").facts());
        // never the credential report: IAM may hand out one up to four hours old, from before the change
        assertThat(http.requested).noneMatch(r -> r.contains("CredentialReport"));
        var provenance = targeted.byKey().get(PREFIX + "user/alice.admin").provenance();
        assertThat(provenance.operation()).isEqualTo("iam:GetUser");
        assertThat(provenance.supporting()).extracting(c -> c.operation()).containsExactly("iam:GetLoginProfile",
                "iam:ListMFADevices", "iam:ListAccessKeys", "iam:ListUserTags");
    }

    @Test
    void aUserTargetReadsEachAccessKeyAndAMissingLoginProfileAsTheReportWritesThem() throws InterruptedException {
        RecordingContext full = scan(everything());
        FixtureHttpClient http = new FixtureHttpClient(getClass())
                .answer("GetUser@aws-global", 200, "get-user-ci-deploy.xml")
                .answer("GetLoginProfile@aws-global", 404, "error-no-login-profile.xml")
                .answer("ListMFADevices@aws-global", 200, "mfa-devices-none.xml")
                .answer("ListAccessKeys@aws-global", 200, "access-keys-ci-deploy.xml")
                .answer("GetAccessKeyLastUsed@aws-global", 200, "access-key-last-used-1.xml")
                .answer("GetAccessKeyLastUsed@aws-global", 200, "access-key-last-used-2.xml");
        RecordingContext targeted = user(http, "ci-deploy", null);

        assertThat(targeted.failures).isEmpty();
        assertThat(targeted.byKey().get(PREFIX + "user/ci-deploy").facts())
                .isEqualTo(full.byKey().get(PREFIX + "user/ci-deploy").facts());
    }

    @Test
    void aUserAfterDeactivateMfaDeviceHasNoMfa() throws InterruptedException {
        FixtureHttpClient http = alice(200, "mfa-devices-none.xml");
        RecordingContext targeted = user(http, "alice.admin", null);
        assertThat(targeted.byKey().get(PREFIX + "user/alice.admin").facts()).containsEntry("mfaActive", false)
                .containsEntry("consoleAccess", true);
    }

    @Test
    void aUserIamNoLongerKnowsPublishesNothingAndIsNoFailure() throws InterruptedException {
        FixtureHttpClient http = new FixtureHttpClient(getClass())
                .answer("GetUser@aws-global", 404, "error-no-such-user.xml");
        RecordingContext targeted = user(http, "gone.user", null);
        assertThat(targeted.byKey()).isEmpty();
        assertThat(targeted.failures).isEmpty();
    }

    @Test
    void aUserTargetWhoseReadIsDeniedIsAFailureNamingTheActionAndPublishesNothing() throws InterruptedException {
        FixtureHttpClient http = alice(403, "error-access-denied.xml");
        RecordingContext targeted = user(http, "alice.admin", null);
        assertThat(targeted.byKey()).isEmpty();
        assertThat(targeted.failures).singleElement().satisfies(f -> {
            assertThat(f.resourceKey()).isEqualTo(PREFIX + "user/alice.admin");
            assertThat(f.missingPermission()).isEqualTo("iam:ListMFADevices");
        });
    }

    private RecordingContext user(FixtureHttpClient http, String user, String emailTag) {
        RecordingContext context = new RecordingContext(store);
        try (IamClient iam = AwsFixtureClients.client(IamClient.builder(), http, Region.AWS_GLOBAL, context)) {
            new IamScan(iam, "111122223333", Region.AWS_GLOBAL.id(), Duration.ZERO, emailTag).user(context, user);
        }
        return context;
    }

    private static Map<String, Object> key(int slot, boolean active, String rotated, String used) {
        return Facts.of("slot", slot, "active", active, "lastRotated", rotated, "lastUsed", used);
    }

    private RecordingContext scan(FixtureHttpClient http) throws InterruptedException {
        return scan(http, null);
    }

    private RecordingContext scan(FixtureHttpClient http, String emailTag) throws InterruptedException {
        RecordingContext context = new RecordingContext(store);
        try (IamClient iam = AwsFixtureClients.client(IamClient.builder(), http, Region.AWS_GLOBAL, context)) {
            new IamScan(iam, "111122223333", Region.AWS_GLOBAL.id(), Duration.ZERO, emailTag).run(context);
        }
        return context;
    }
}
