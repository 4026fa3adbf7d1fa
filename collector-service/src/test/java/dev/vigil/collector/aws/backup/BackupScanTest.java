package dev.vigil.collector.aws.backup;

import dev.vigil.collector.aws.AwsFixtureClients;
import dev.vigil.collector.aws.FixtureHttpClient;
import dev.vigil.collector.aws.KeptAnswers;
import dev.vigil.collector.spi.AllowListDefinitions;
import dev.vigil.collector.testing.Facts;
import dev.vigil.collector.testing.Fixtures;
import dev.vigil.collector.testing.RecordingContext;
import dev.vigil.common.evidence.Hashing;
import dev.vigil.common.evidence.Redactor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.backup.BackupClient;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** Recorded AWS Backup REST-JSON responses, unmarshalled by the real SDK, to plans, vaults and resources. */
class BackupScanTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final String PREFIX = "aws:111122223333:backup:eu-west-1";
    private static final String CARTS = "arn:aws:dynamodb:eu-west-1:111122223333:table/carts";
    private static final String ORDERS = "arn:aws:rds:eu-west-1:111122223333:db:orders";
    private static final String FS = "arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-0123";
    private static final String ORDERS_POLICY = "/backup-vaults/orders-vault/access-policy";
    private static final String DEFAULT_POLICY = "/backup-vaults/Default/access-policy";

    @TempDir
    Path store;

    private FixtureHttpClient backup(String failedJobs) {
        return vaultPolicies(new FixtureHttpClient(getClass())
                .answer("/backup/plans", 200, "plans.json")
                .answer("/backup-vaults", 200, "vaults.json")
                .answer("/resources", 200, "resources.json")
                .answer("/backup-jobs", 200, failedJobs));
    }

    /** orders-vault denies deleting its backups (but to a break-glass role); Default has no policy (400). */
    private static FixtureHttpClient vaultPolicies(FixtureHttpClient http) {
        return http.answer(ORDERS_POLICY, 200, "vault-access-policy-orders-vault.json")
                .answer(DEFAULT_POLICY, 400, "error-no-access-policy.json");
    }

    @Test
    void plansVaultsAndProtectedResourcesWithTheirFailedJobs() {
        RecordingContext context = scan(backup("failed-jobs.json"));

        assertThat(context.failures).isEmpty();
        assertThat(context.byKey()).containsOnlyKeys(PREFIX, PREFIX + ":vault/Default", PREFIX + ":vault/orders-vault",
                PREFIX + ":vault-access-policy/Default", PREFIX + ":vault-access-policy/orders-vault",
                PREFIX + ":resource/" + CARTS, PREFIX + ":resource/" + FS, PREFIX + ":resource/" + ORDERS);

        RecordingContext.Item region = context.byKey().get(PREFIX);
        assertThat(region.resourceType()).isEqualTo("aws.backup.region");
        assertThat(region.facts()).isEqualTo(Facts.of("region", "eu-west-1", "plans", List.of(
                Facts.of("name", "archive", "id", "plan-archive",
                        "arn", "arn:aws:backup:eu-west-1:111122223333:backup-plan:plan-archive", "lastExecutionAt", null),
                Facts.of("name", "nightly", "id", "plan-nightly",
                        "arn", "arn:aws:backup:eu-west-1:111122223333:backup-plan:plan-nightly",
                        "lastExecutionAt", "2026-11-22T07:00:00Z"))));
        assertThat(region.provenance().operation()).isEqualTo("backup:ListBackupPlans");

        RecordingContext.Item vault = context.byKey().get(PREFIX + ":vault/orders-vault");
        assertThat(vault.resourceType()).isEqualTo("aws.backup.vault");
        assertThat(vault.facts()).isEqualTo(Facts.of("name", "orders-vault",
                "arn", "arn:aws:backup:eu-west-1:111122223333:backup-vault:orders-vault", "region", "eu-west-1",
                "encryptionKeyArn", "arn:aws:kms:eu-west-1:111122223333:key/0a000000-0000-4000-8000-00000000000a",
                "locked", true, "recoveryPoints", 12L));
        assertThat(context.byKey().get(PREFIX + ":vault/Default").facts()).containsEntry("locked", false);

        RecordingContext.Item orders = context.byKey().get(PREFIX + ":resource/" + ORDERS);
        assertThat(orders.resourceType()).isEqualTo("aws.backup.protected-resource");
        assertThat(orders.facts()).isEqualTo(Facts.of("resourceArn", ORDERS, "resourceType", "RDS",
                "resourceName", "orders", "region", "eu-west-1", "lastBackupAt", "2026-11-22T07:00:00Z",
                "lastBackupVaultArn", "arn:aws:backup:eu-west-1:111122223333:backup-vault:orders-vault",
                "observedAt", "2026-11-22T12:00:00Z", "failedJobsSince", "2026-11-21T12:00:00Z",
                "failedJobs", List.of()));
        assertThat(orders.provenance().operation()).isEqualTo("backup:ListProtectedResources");
        assertThat(orders.provenance().responseSha256()).isEqualTo(Hashing.sha256Hex(
                Redactor.redactBody(Fixtures.bytes(getClass(), "resources.json"))));
        // its failed jobs (here: none) are read from the jobs listing, cited beside the resources
        assertThat(orders.provenance().supporting()).singleElement().satisfies(c -> {
            assertThat(c.operation()).isEqualTo("backup:ListBackupJobs");
            assertThat(c.parameters()).isEqualTo(Map.of("Region", "eu-west-1", "ByState", "FAILED",
                    "ByCreatedAfter", "2026-11-21T12:00:00Z"));
            assertThat(c.responseSha256()).isEqualTo(Hashing.sha256Hex(
                    Redactor.redactBody(Fixtures.bytes(getClass(), "failed-jobs.json"))));
        });

        // the failed jobs of a protected resource, oldest first; an empty status message is none
        assertThat(context.byKey().get(PREFIX + ":resource/" + CARTS).facts())
                .containsEntry("lastBackupAt", "2026-11-21T07:00:00Z")
                .containsEntry("failedJobs", List.of(
                        Facts.of("jobId", "job-1", "createdAt", "2026-11-21T16:00:00Z", "vaultName", "orders-vault",
                                "statusMessage", null),
                        Facts.of("jobId", "job-2", "createdAt", "2026-11-22T08:00:00Z", "vaultName", "orders-vault",
                                "statusMessage", "Insufficient privileges to perform this action.")));

        // never backed up, known only from its failed job: published with no last backup, citing the jobs
        RecordingContext.Item fs = context.byKey().get(PREFIX + ":resource/" + FS);
        assertThat(fs.facts()).containsEntry("resourceType", "EFS").containsEntry("resourceName", null)
                .containsEntry("lastBackupAt", null).containsEntry("lastBackupVaultArn", null);
        assertThat(fs.provenance().operation()).isEqualTo("backup:ListBackupJobs");
        assertThat(fs.provenance().parameters()).isEqualTo(Map.of("Region", "eu-west-1", "ByState", "FAILED",
                "ByCreatedAfter", "2026-11-21T12:00:00Z"));
        assertThat(fs.provenance().responseSha256()).isEqualTo(Hashing.sha256Hex(
                Redactor.redactBody(Fixtures.bytes(getClass(), "failed-jobs.json"))));
        assertThat(fs.provenance().supporting()).isEmpty();
    }

    @Test
    void eachVaultsAccessPolicySaysWhoMayDeleteItsBackups() {
        RecordingContext context = scan(backup("failed-jobs.json"));

        RecordingContext.Item orders = context.byKey().get(PREFIX + ":vault-access-policy/orders-vault");
        assertThat(orders.resourceType()).isEqualTo("aws.backup.vault-access-policy");
        // the copy grant to the workloads account deletes nothing; the deny spares only the break-glass role
        assertThat(orders.facts()).isEqualTo(Facts.of("vault", "orders-vault",
                "vaultArn", "arn:aws:backup:eu-west-1:111122223333:backup-vault:orders-vault", "region", "eu-west-1",
                "accountId", "111122223333", "locked", true, "accessPolicy", true, "deletionDeniedToEveryone", true,
                "deletionDenialExemptions", List.of("arn:aws:iam::111122223333:role/BackupBreakGlass"),
                "externalDeletionGrants", List.of()));
        assertThat(orders.provenance().operation()).isEqualTo("backup:GetBackupVaultAccessPolicy");
        assertThat(orders.provenance().parameters()).isEqualTo(Map.of("Region", "eu-west-1",
                "BackupVaultName", "orders-vault"));
        assertThat(orders.provenance().responseSha256()).isEqualTo(sha("vault-access-policy-orders-vault.json"));
        // locked is read from the vaults listing
        assertThat(orders.provenance().supporting()).extracting(c -> c.operation(), c -> c.responseSha256())
                .containsExactly(tuple("backup:ListBackupVaults", sha("vaults.json")));

        // no policy: AWS Backup answers ResourceNotFoundException, which is a fact, not a failure
        assertThat(context.failures).isEmpty();
        RecordingContext.Item none = context.byKey().get(PREFIX + ":vault-access-policy/Default");
        assertThat(none.facts()).containsEntry("accessPolicy", false).containsEntry("locked", false)
                .containsEntry("deletionDeniedToEveryone", false).containsEntry("externalDeletionGrants", List.of());
        assertThat(none.provenance().responseSha256()).isEqualTo(sha("error-no-access-policy.json"));
    }

    @Test
    void aPolicyGrantingAnotherAccountDeletionIsListed() {
        RecordingContext context = scan(backup("failed-jobs.json").without(ORDERS_POLICY)
                .answer(ORDERS_POLICY, 200, "vault-access-policy-external-delete.json"));

        assertThat(context.byKey().get(PREFIX + ":vault-access-policy/orders-vault").facts())
                .containsEntry("deletionDeniedToEveryone", false)
                .containsEntry("externalDeletionGrants", List.of("arn:aws:iam::999988887777:role/VendorRestore: "
                        + "backup:DeleteRecoveryPoint, backup:UpdateRecoveryPointLifecycle, backup:DeleteBackupVault"));
    }

    @Test
    void aDeniedPolicyIsAFailureAndLeavesTheVaultsEncryptionPublished() {
        RecordingContext context = scan(backup("failed-jobs.json").without(ORDERS_POLICY)
                .answer(ORDERS_POLICY, 403, "error-access-policy-denied.json"));

        assertThat(context.byKey()).doesNotContainKey(PREFIX + ":vault-access-policy/orders-vault")
                .containsKeys(PREFIX + ":vault/orders-vault", PREFIX + ":vault-access-policy/Default");
        assertThat(context.failures).singleElement().satisfies(f -> {
            assertThat(f.resourceType()).isEqualTo("aws.backup.vault-access-policy");
            assertThat(f.resourceKey()).isEqualTo(PREFIX + ":vault-access-policy/orders-vault");
            assertThat(f.missingPermission()).isEqualTo("backup:GetBackupVaultAccessPolicy");
            assertThat(f.reason()).isEqualTo("cannot read the access policy of backup vault orders-vault in "
                    + "eu-west-1: HTTP 403 AccessDeniedException");
        });
    }

    @Test
    void aResourceCitesThePageThatListsItAndEveryPageOfFailedJobs() {
        FixtureHttpClient http = vaultPolicies(new FixtureHttpClient(getClass())
                .answer("/backup/plans", 200, "plans.json")
                .answer("/backup-vaults", 200, "vaults.json")
                .answer("/resources", 200, "resources-page-1.json")
                .answer("/resources", 200, "resources-page-2.json")
                .answer("/backup-jobs", 200, "failed-jobs-page-1.json")
                .answer("/backup-jobs", 200, "failed-jobs-page-2.json"));
        RecordingContext context = scan(http);

        assertThat(context.failures).isEmpty();
        assertThat(http.requested).filteredOn(r -> r.contains("/resources")).hasSize(2);
        assertThat(http.requested).filteredOn(r -> r.contains("/backup-jobs")).hasSize(2);
        // orders is on the first page of resources, carts on the second: each cites its own page
        assertThat(context.byKey().get(PREFIX + ":resource/" + ORDERS).provenance().responseSha256())
                .isEqualTo(sha("resources-page-1.json"));
        var carts = context.byKey().get(PREFIX + ":resource/" + CARTS).provenance();
        assertThat(carts.responseSha256()).isEqualTo(sha("resources-page-2.json"));
        // its failed jobs are on page 1, but that none is on page 2 is read there too
        assertThat(carts.supporting()).extracting(c -> c.operation(), c -> c.responseSha256()).containsExactly(
                tuple("backup:ListBackupJobs", sha("failed-jobs-page-1.json")),
                tuple("backup:ListBackupJobs", sha("failed-jobs-page-2.json")));
        assertThat((List<?>) context.byKey().get(PREFIX + ":resource/" + CARTS).facts().get("failedJobs")).hasSize(2);
        // never backed up, its failed job on page 2: that page is the main answer, page 1 supports it
        var fs = context.byKey().get(PREFIX + ":resource/" + FS).provenance();
        assertThat(fs.operation()).isEqualTo("backup:ListBackupJobs");
        assertThat(fs.responseSha256()).isEqualTo(sha("failed-jobs-page-2.json"));
        assertThat(fs.supporting()).extracting(c -> c.responseSha256()).containsExactly(sha("failed-jobs-page-1.json"));
    }

    private String sha(String fixture) {
        return Hashing.sha256Hex(Redactor.redactBody(Fixtures.bytes(getClass(), fixture)));
    }

    @Test
    void aRegionWithoutBackupsStillSaysSo() {
        RecordingContext context = scan(new FixtureHttpClient(getClass())
                .answer("/backup/plans", 200, "plans-none.json")
                .answer("/backup-vaults", 200, "vaults-none.json")
                .answer("/resources", 200, "resources-none.json")
                .answer("/backup-jobs", 200, "failed-jobs-none.json"));

        assertThat(context.failures).isEmpty();
        assertThat(context.byKey()).containsOnlyKeys(PREFIX);
        assertThat(context.byKey().get(PREFIX).facts()).isEqualTo(Facts.of("region", "eu-west-1", "plans", List.of()));
    }

    @Test
    void deniedFailedJobsPublishNoResourceButThePlansAndVaults() {
        RecordingContext context = scan(vaultPolicies(new FixtureHttpClient(getClass())
                .answer("/backup/plans", 200, "plans.json")
                .answer("/backup-vaults", 200, "vaults.json")
                .answer("/resources", 200, "resources.json")
                .answer("/backup-jobs", 403, "error-access-denied.json")));

        assertThat(context.byKey()).containsOnlyKeys(PREFIX, PREFIX + ":vault/Default", PREFIX + ":vault/orders-vault",
                PREFIX + ":vault-access-policy/Default", PREFIX + ":vault-access-policy/orders-vault");
        assertThat(context.failures).singleElement().satisfies(f -> {
            assertThat(f.resourceType()).isEqualTo("aws.backup.protected-resource");
            assertThat(f.resourceKey()).isEqualTo(PREFIX);
            assertThat(f.missingPermission()).isEqualTo("backup:ListBackupJobs");
            assertThat(f.reason()).isEqualTo("cannot list the backup jobs that failed in eu-west-1 since "
                    + "2026-11-21T12:00:00Z: HTTP 403 AccessDeniedException");
        });
    }

    @Test
    void theAnswersAsTheEvidenceStoreKeepsThemGiveTheSameFactsAndFailures() {
        KeptAnswers kept = KeptAnswers.assertSameFacts(AllowListDefinitions.of(BackupCollector.class), "eu-west-1",
                () -> backup("failed-jobs.json"), this::scan);
        assertThat(kept.kinds).containsExactly("backup plans", "backup vaults", "vault access policy",
                "vault access policy", "failed backup jobs", "protected resources");
        KeptAnswers.assertSameFacts(AllowListDefinitions.of(BackupCollector.class), "eu-west-1",
                () -> vaultPolicies(new FixtureHttpClient(getClass())
                        .answer("/backup/plans", 200, "plans.json")
                        .answer("/backup-vaults", 200, "vaults.json")
                        .answer("/resources", 200, "resources-page-1.json")
                        .answer("/resources", 200, "resources-page-2.json")
                        .answer("/backup-jobs", 200, "failed-jobs-page-1.json")
                        .answer("/backup-jobs", 200, "failed-jobs-page-2.json")), this::scan);
        KeptAnswers.assertSameFacts(AllowListDefinitions.of(BackupCollector.class), "eu-west-1",
                () -> backup("failed-jobs.json").without(ORDERS_POLICY)
                        .answer(ORDERS_POLICY, 200, "vault-access-policy-external-delete.json"), this::scan);
        KeptAnswers.assertSameFacts(AllowListDefinitions.of(BackupCollector.class), "eu-west-1",
                () -> backup("failed-jobs.json").without("/backup-jobs")
                        .answer("/backup-jobs", 403, "error-access-denied.json"), this::scan);
    }

    private RecordingContext scan(FixtureHttpClient http) {
        return scan(http, null);
    }

    private RecordingContext scan(FixtureHttpClient http, KeptAnswers kept) {
        RecordingContext context = new RecordingContext(store);
        try (BackupClient backup = AwsFixtureClients.client(BackupClient.builder(), http, Region.EU_WEST_1, context,
                kept)) {
            new BackupScan(backup, "111122223333", "eu-west-1", NOW).run(context);
        }
        return context;
    }
}
