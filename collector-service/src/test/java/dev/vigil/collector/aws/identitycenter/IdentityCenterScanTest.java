package dev.vigil.collector.aws.identitycenter;

import dev.vigil.collector.aws.AwsFixtureClients;
import dev.vigil.collector.aws.FixtureHttpClient;
import dev.vigil.collector.aws.KeptAnswers;
import dev.vigil.collector.spi.AllowListDefinitions;
import dev.vigil.collector.testing.Facts;
import dev.vigil.collector.testing.Fixtures;
import dev.vigil.collector.testing.RecordingContext;
import dev.vigil.common.evidence.Hashing;
import dev.vigil.common.evidence.Provenance;
import dev.vigil.common.evidence.Redactor;
import dev.vigil.common.evidence.RunFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.identitystore.IdentitystoreClient;
import software.amazon.awssdk.services.ssoadmin.SsoAdminClient;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Recorded Identity Center (sso-admin, identitystore) JSON answers, read by the real SDK, to users and their access. */
class IdentityCenterScanTest {
    private static final String STORE = "d-9067a1b2c3";
    private static final String KEY = "aws:111122223333:identitycenter:" + STORE + ":user/";
    private static final String ALICE = "9067a1b2c3-a11ce000-0000-4000-8000-000000000001";
    private static final String BOB = "9067a1b2c3-b0b00000-0000-4000-8000-000000000002";
    private static final String DAVE = "9067a1b2c3-da7e0000-0000-4000-8000-000000000004";
    private static final String ADMINS = "9067a1b2c3-9a0a0000-0000-4000-8000-0000000000a1";
    private static final String ENGINEERS = "9067a1b2c3-e9e00000-0000-4000-8000-0000000000e2";
    private static final String PS = "arn:aws:sso:::permissionSet/ssoins-72237a1b2c3d4e5f/";

    @TempDir
    Path store;

    private FixtureHttpClient everything() {
        return new FixtureHttpClient(getClass())
                .answer("ListInstances@us-east-1", 200, "instances.json")
                .answer("ListUsers@us-east-1", 200, "users.json")
                .answer("ListGroups@us-east-1", 200, "groups.json")
                .answer("ListGroupMemberships@us-east-1/" + ADMINS, 200, "members-platform-admins.json")
                .answer("ListGroupMemberships@us-east-1/" + ENGINEERS, 200, "members-engineers.json")
                .answer("ListAccountAssignmentsForPrincipal@us-east-1/" + ADMINS, 200,
                        "assignments-platform-admins.json")
                .answer("ListAccountAssignmentsForPrincipal@us-east-1/" + ENGINEERS, 200,
                        "assignments-engineers.json")
                .answer("ListAccountAssignmentsForPrincipal@us-east-1/" + ALICE, 200, "assignments-none.json")
                .answer("ListAccountAssignmentsForPrincipal@us-east-1/" + BOB, 200, "assignments-none.json")
                .answer("ListAccountAssignmentsForPrincipal@us-east-1/" + DAVE, 200, "assignments-dave.json")
                .answer("DescribePermissionSet@us-east-1/" + PS + "ps-5a1b2c3d4e5f6a7b", 200,
                        "permission-set-AdministratorAccess.json")
                .answer("DescribePermissionSet@us-east-1/" + PS + "ps-0f1e2d3c4b5a6978", 200,
                        "permission-set-ReadOnlyAccess.json");
    }

    @Test
    void eachUserWithTheAccountsItReachesDirectlyAndThroughItsGroups() {
        RecordingContext context = scan(everything());

        assertThat(context.failures).isEmpty();
        assertThat(context.evidence).extracting(RecordingContext.Item::resourceKey)
                .containsExactly(KEY + ALICE, KEY + BOB, KEY + DAVE);
        assertThat(context.byKey().get(KEY + ALICE).facts()).isEqualTo(Facts.of(
                "identityStoreId", STORE,
                "userId", ALICE,
                "userName", "alice@acme-demo.example",
                "displayName", "Alice Anders",
                "email", "alice@acme-demo.example",
                "emails", List.of("alice@acme-demo.example"),
                "status", "ENABLED",
                "groups", List.of("Platform-Admins"),
                "accountAssignments", List.of(
                        Facts.of("accountId", "111122223333", "permissionSet", "AdministratorAccess",
                                "via", "group:Platform-Admins"),
                        Facts.of("accountId", "444455556666", "permissionSet", "AdministratorAccess",
                                "via", "group:Platform-Admins")),
                "active", true));
        assertThat(context.byKey().get(KEY + DAVE).facts())
                .containsEntry("groups", List.of())
                .containsEntry("accountAssignments", List.of(Facts.of("accountId", "444455556666",
                        "permissionSet", "ReadOnlyAccess", "via", "user")))
                .containsEntry("active", true);
    }

    @Test
    void aUserCitesTheListingItWasOnAndEveryAnswerItsAccessComesFrom() {
        RecordingContext context = scan(everything());

        Provenance bob = context.byKey().get(KEY + BOB).provenance();
        assertThat(bob.operation()).isEqualTo("identitystore:ListUsers");
        assertThat(bob.parameters()).containsEntry("UserId", BOB).containsEntry("IdentityStoreId", STORE);
        assertThat(bob.responseSha256()).isEqualTo(sha("users.json"));
        assertThat(bob.supporting()).extracting(Provenance.Citation::operation, Provenance.Citation::responseSha256)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("sso:ListAccountAssignmentsForPrincipal",
                                sha("assignments-none.json")),
                        org.assertj.core.groups.Tuple.tuple("identitystore:ListGroupMemberships",
                                sha("members-engineers.json")),
                        org.assertj.core.groups.Tuple.tuple("sso:ListAccountAssignmentsForPrincipal",
                                sha("assignments-engineers.json")),
                        org.assertj.core.groups.Tuple.tuple("sso:DescribePermissionSet",
                                sha("permission-set-ReadOnlyAccess.json")));
    }

    @Test
    void withoutAnEndpointOverrideTheCallsGoToAwsOwnEndpointsOfTheRegion() {
        FixtureHttpClient http = everything();
        RecordingContext context = new RecordingContext(store);
        Region region = Region.US_EAST_1;
        try (SsoAdminClient ssoAdmin = AwsFixtureClients.clientOnAwsEndpoint(SsoAdminClient.builder(), http, region,
                context);
             IdentitystoreClient identityStore = AwsFixtureClients.clientOnAwsEndpoint(IdentitystoreClient.builder(),
                     http, region, context)) {
            new IdentityCenterScan(ssoAdmin, identityStore, "111122223333", region.id()).run(context);
        }

        assertThat(context.failures).isEmpty();
        assertThat(context.evidence).hasSize(3);
        assertThat(http.hosts).containsOnly("sso.us-east-1.amazonaws.com", "identitystore.us-east-1.amazonaws.com");
    }

    @Test
    void noInstanceIsNoUserAndNoFailure() {
        FixtureHttpClient http = new FixtureHttpClient(getClass()).answer("ListInstances@us-east-1", 200,
                "assignments-none.json"); // any JSON without Instances: the account has no Identity Center
        RecordingContext context = scan(http);

        assertThat(context.failures).isEmpty();
        assertThat(context.evidence).isEmpty();
        assertThat(http.requested).containsExactly("ListInstances@us-east-1");
    }

    @Test
    void aRefusedListingIsAFailureOfTheTypeNamingTheAction() {
        FixtureHttpClient http = new FixtureHttpClient(getClass()).answer("ListInstances@us-east-1", 400,
                "access-denied.json");
        RecordingContext context = scan(http);

        assertThat(context.evidence).isEmpty();
        assertThat(context.failures).singleElement().satisfies(f -> {
            assertThat(f.resourceType()).isEqualTo("aws.identitycenter.user");
            assertThat(f.resourceKey()).isNull();
            assertThat(f.reason()).startsWith("cannot list the IAM Identity Center instances of account 111122223333")
                    .contains("AccessDenied");
            assertThat(f.missingPermission()).isEqualTo("sso:ListInstances");
        });
    }

    @Test
    void aUsersUnreadAssignmentsLeaveOnlyThatUserUnknown() {
        FixtureHttpClient http = everything().without("ListAccountAssignmentsForPrincipal@us-east-1/" + DAVE)
                .answer("ListAccountAssignmentsForPrincipal@us-east-1/" + DAVE, 400, "access-denied.json");
        RecordingContext context = scan(http);

        assertThat(context.evidence).extracting(RecordingContext.Item::resourceKey)
                .containsExactly(KEY + ALICE, KEY + BOB);
        assertThat(context.failures).extracting(RunFailure::resourceKey, RunFailure::missingPermission)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(KEY + DAVE,
                        "sso:ListAccountAssignmentsForPrincipal"));
    }

    private String sha(String fixture) {
        return Hashing.sha256Hex(Redactor.redactBody(Fixtures.bytes(getClass(), fixture)));
    }

    @Test
    void theAnswersAsTheEvidenceStoreKeepsThemGiveTheSameFactsAndFailures() {
        KeptAnswers kept = KeptAnswers.assertSameFacts(AllowListDefinitions.of(IdentityCenterCollector.class),
                "us-east-1", this::everything, this::scan);
        assertThat(kept.kinds).containsOnly("instances", "users", "groups", "group memberships",
                "account assignments", "permission set");
        KeptAnswers.assertSameFacts(AllowListDefinitions.of(IdentityCenterCollector.class), "us-east-1",
                () -> everything().without("ListAccountAssignmentsForPrincipal@us-east-1/" + DAVE)
                        .answer("ListAccountAssignmentsForPrincipal@us-east-1/" + DAVE, 400, "access-denied.json"),
                this::scan);
    }

    private RecordingContext scan(FixtureHttpClient http) {
        return scan(http, null);
    }

    private RecordingContext scan(FixtureHttpClient http, KeptAnswers kept) {
        RecordingContext context = new RecordingContext(store);
        Region region = Region.US_EAST_1;
        try (SsoAdminClient ssoAdmin = AwsFixtureClients.client(SsoAdminClient.builder(), http, region, context,
                kept);
             IdentitystoreClient identityStore = AwsFixtureClients.client(IdentitystoreClient.builder(), http, region,
                     context, kept)) {
            new IdentityCenterScan(ssoAdmin, identityStore, "111122223333", region.id()).run(context);
        }
        return context;
    }
}
