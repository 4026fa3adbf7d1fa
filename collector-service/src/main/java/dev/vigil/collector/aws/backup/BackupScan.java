package dev.vigil.collector.aws.backup;

import dev.vigil.collector.aws.AwsErrors;
import dev.vigil.collector.aws.RegionalScan;
import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.collector.spi.RawResponse;
import dev.vigil.common.evidence.Provenance;
import dev.vigil.common.evidence.RunFailure;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.BackupJob;
import software.amazon.awssdk.services.backup.model.BackupJobState;
import software.amazon.awssdk.services.backup.model.BackupPlansListMember;
import software.amazon.awssdk.services.backup.model.BackupVaultListMember;
import software.amazon.awssdk.services.backup.model.ListBackupJobsResponse;
import software.amazon.awssdk.services.backup.model.ListProtectedResourcesResponse;
import software.amazon.awssdk.services.backup.model.ProtectedResource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads AWS Backup in one region: the backup plans (one {@code aws.backup.region} item, published even without a
 * plan so "nothing is backed up here" is visible), the vaults with the KMS key that encrypts their recovery points,
 * and each protected resource with its last successful backup and the jobs that failed for it in the last 24 hours.
 * A resource whose jobs failed but that was never backed up is not protected yet, so it is published from its
 * failed jobs with {@code lastBackupAt: null}. When the failed jobs cannot be listed no resource is published: a
 * resource without its failures would look healthier than it is. Each vault's access policy is an item of its own
 * ({@code aws.backup.vault-access-policy}), so that a policy that cannot be read leaves the vault's encryption known.
 */
final class BackupScan extends RegionalScan<BackupClient> {
    static final String REGION = "aws.backup.region";
    static final String VAULT = "aws.backup.vault";
    static final String RESOURCE = "aws.backup.protected-resource";
    static final String VAULT_ACCESS_POLICY = "aws.backup.vault-access-policy";
    static final String PERMISSION_PLANS = "backup:ListBackupPlans";
    static final String PERMISSION_VAULTS = "backup:ListBackupVaults";
    static final String PERMISSION_RESOURCES = "backup:ListProtectedResources";
    static final String PERMISSION_JOBS = "backup:ListBackupJobs";
    static final String PERMISSION_VAULT_POLICY = "backup:GetBackupVaultAccessPolicy";
    /** What AWS Backup answers (HTTP 400) for a vault that has no access policy: a fact, not a failure. */
    static final String NO_VAULT_POLICY = "ResourceNotFoundException";
    /** The window of failed jobs read: one day, the period of BDR-08's daily backups. */
    static final Duration FAILED_JOBS_WINDOW = Duration.ofHours(24);

    private final Instant now;

    /** {@code backup} is a client of {@code region}; {@code now} is the observation time the window ends at. */
    BackupScan(BackupClient backup, String accountId, String region, Instant now) {
        super(backup, accountId, region);
        this.now = now;
    }

    @Override
    public void run(CollectionContext context) {
        plans(context);
        vaults(context);
        resources(context);
    }

    private void plans(CollectionContext context) {
        String key = key("backup", null);
        Optional<List<BackupPlansListMember>> plans = AwsErrors.read(context, REGION, key,
                "list backup plans in " + region, PERMISSION_PLANS,
                () -> client.listBackupPlansPaginator(r -> { }).backupPlansList().stream()
                        .sorted(Comparator.comparing(BackupPlansListMember::backupPlanName)).toList());
        if (plans.isEmpty()) {
            return;
        }
        List<Map<String, Object>> listed = new ArrayList<>();
        for (BackupPlansListMember plan : plans.get()) {
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("name", plan.backupPlanName());
            facts.put("id", plan.backupPlanId());
            facts.put("arn", plan.backupPlanArn());
            facts.put("lastExecutionAt", iso(plan.lastExecutionDate()));
            listed.add(facts);
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("region", region);
        facts.put("plans", listed);
        context.evidence(REGION, key, facts, context.provenance(PERMISSION_PLANS, Map.of("Region", region),
                raw(context, "ListBackupPlans", null)));
    }

    private void vaults(CollectionContext context) {
        Optional<List<BackupVaultListMember>> vaults = AwsErrors.read(context, VAULT, key("backup", null),
                "list backup vaults in " + region, PERMISSION_VAULTS,
                () -> client.listBackupVaultsPaginator(r -> { }).backupVaultList().stream()
                        .sorted(Comparator.comparing(BackupVaultListMember::backupVaultName)).toList());
        for (BackupVaultListMember vault : vaults.orElse(List.of())) {
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("name", vault.backupVaultName());
            facts.put("arn", vault.backupVaultArn());
            facts.put("region", region);
            facts.put("encryptionKeyArn", vault.encryptionKeyArn());
            facts.put("locked", Boolean.TRUE.equals(vault.locked()));
            facts.put("recoveryPoints", vault.numberOfRecoveryPoints());
            context.evidence(VAULT, key("backup", "vault/" + vault.backupVaultName()), facts,
                    context.provenance(PERMISSION_VAULTS, Map.of("Region", region),
                            raw(context, "ListBackupVaults", null)));
            accessPolicy(context, vault);
        }
    }

    /**
     * The vault's access policy, read for who may delete its backups ({@link VaultAccessPolicy}); a vault without
     * one is published with {@code accessPolicy: false}. Any other failure publishes nothing for the vault's
     * policy, and leaves its encryption item alone: a policy that could not be read is unknown, not absent.
     */
    private void accessPolicy(CollectionContext context, BackupVaultListMember vault) {
        String name = vault.backupVaultName();
        String key = key("backup", "vault-access-policy/" + name);
        String policy;
        try {
            policy = client.getBackupVaultAccessPolicy(r -> r.backupVaultName(name)).policy();
        } catch (SdkException e) {
            if (!NO_VAULT_POLICY.equals(AwsErrors.errorCode(e))) {
                context.failure(AwsErrors.failure(VAULT_ACCESS_POLICY, key, "read the access policy of backup vault "
                        + name + " in " + region, PERMISSION_VAULT_POLICY, e));
                return;
            }
            policy = null;
        }
        VaultAccessPolicy read;
        try {
            read = policy == null ? new VaultAccessPolicy(false, List.of(), List.of())
                    : VaultAccessPolicy.read(name, accountId, policy);
        } catch (IllegalArgumentException e) {
            context.failure(new RunFailure(VAULT_ACCESS_POLICY, key, "cannot read the access policy of backup vault "
                    + name + " in " + region + ": " + e.getMessage(), null));
            return;
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("vault", name);
        facts.put("vaultArn", vault.backupVaultArn());
        facts.put("region", region);
        facts.put("accountId", accountId);
        // Vault Lock is read from the listing: it protects recovery points whatever the policy says
        facts.put("locked", Boolean.TRUE.equals(vault.locked()));
        facts.put("accessPolicy", policy != null);
        facts.put("deletionDeniedToEveryone", read.deletionDeniedToEveryone());
        facts.put("deletionDenialExemptions", read.exemptions());
        facts.put("externalDeletionGrants", read.externalDeletionGrants());
        Map<String, String> parameters = Map.of("Region", region, "BackupVaultName", name);
        List<Provenance.Citation> supporting = new ArrayList<>();
        RawResponse listing = raw(context, "ListBackupVaults", null);
        if (listing != null) {
            supporting.add(listing.cite(PERMISSION_VAULTS, Map.of("Region", region)));
        }
        context.evidence(VAULT_ACCESS_POLICY, key, facts, context.provenance(PERMISSION_VAULT_POLICY, parameters,
                raw(context, "GetBackupVaultAccessPolicy", name), supporting));
    }

    private void resources(CollectionContext context) {
        Instant since = now.minus(FAILED_JOBS_WINDOW);
        // Each listing is kept page by page as it is read (a paginated call keeps only its latest page under one
        // key): a resource cites the page that lists it, and every page of failed jobs, since "no failed job" is
        // read from all of them.
        List<RawResponse> jobPages = new ArrayList<>();
        Map<String, RawResponse> jobListedIn = new HashMap<>();
        Optional<List<BackupJob>> failed = AwsErrors.read(context, RESOURCE, key("backup", null),
                "list the backup jobs that failed in " + region + " since " + since, PERMISSION_JOBS, () -> {
                    List<BackupJob> all = new ArrayList<>();
                    for (ListBackupJobsResponse page : client.listBackupJobsPaginator(
                            r -> r.byState(BackupJobState.FAILED).byCreatedAfter(since))) {
                        RawResponse answer = raw(context, "ListBackupJobs", null);
                        jobPages.add(answer);
                        page.backupJobs().forEach(job -> jobListedIn.putIfAbsent(job.resourceArn(), answer));
                        all.addAll(page.backupJobs());
                    }
                    return all;
                });
        if (failed.isEmpty()) {
            return;
        }
        Map<String, RawResponse> resourceListedIn = new HashMap<>();
        Optional<List<ProtectedResource>> protectedResources = AwsErrors.read(context, RESOURCE, key("backup", null),
                "list the resources AWS Backup protects in " + region, PERMISSION_RESOURCES, () -> {
                    List<ProtectedResource> all = new ArrayList<>();
                    for (ListProtectedResourcesResponse page : client.listProtectedResourcesPaginator(r -> { })) {
                        RawResponse answer = raw(context, "ListProtectedResources", null);
                        page.results().forEach(r -> resourceListedIn.put(r.resourceArn(), answer));
                        all.addAll(page.results());
                    }
                    return all;
                });
        if (protectedResources.isEmpty()) {
            return;
        }
        Map<String, String> jobsParameters = Map.of("Region", region, "ByState", "FAILED",
                "ByCreatedAfter", since.toString());
        Map<String, List<BackupJob>> failedByResource = new TreeMap<>();
        for (BackupJob job : failed.get()) {
            failedByResource.computeIfAbsent(job.resourceArn(), a -> new ArrayList<>()).add(job);
        }
        Map<String, ProtectedResource> byArn = new TreeMap<>();
        protectedResources.get().forEach(r -> byArn.put(r.resourceArn(), r));
        for (String arn : failedByResource.keySet()) {
            byArn.putIfAbsent(arn, null);
        }
        for (Map.Entry<String, ProtectedResource> entry : byArn.entrySet()) {
            String arn = entry.getKey();
            ProtectedResource resource = entry.getValue();
            List<BackupJob> jobs = failedByResource.getOrDefault(arn, List.of());
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("resourceArn", arn);
            facts.put("resourceType", resource != null ? resource.resourceType() : jobs.get(0).resourceType());
            facts.put("resourceName", resource != null ? emptyToNull(resource.resourceName())
                    : emptyToNull(jobs.get(0).resourceName()));
            facts.put("region", region);
            facts.put("lastBackupAt", resource == null ? null : iso(resource.lastBackupTime()));
            facts.put("lastBackupVaultArn", resource == null ? null : resource.lastBackupVaultArn());
            facts.put("observedAt", now.toString());
            facts.put("failedJobsSince", since.toString());
            facts.put("failedJobs", jobs.stream().sorted(Comparator.comparing(BackupJob::creationDate))
                    .map(BackupScan::job).toList());
            // A resource that was never backed up is known only from its failed jobs: the page listing its first
            // one is the main answer. A protected resource is read from the resources listing.
            RawResponse main = resource != null ? resourceListedIn.get(arn) : jobListedIn.get(arn);
            List<Provenance.Citation> supporting = jobPages.stream().filter(page -> page != null && !page.equals(main))
                    .map(page -> page.cite(PERMISSION_JOBS, jobsParameters)).toList();
            context.evidence(RESOURCE, key("backup", "resource/" + arn), facts, resource != null
                    ? context.provenance(PERMISSION_RESOURCES, Map.of("Region", region), main, supporting)
                    : context.provenance(PERMISSION_JOBS, jobsParameters, main, supporting));
        }
    }

    private static Map<String, Object> job(BackupJob job) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("jobId", job.backupJobId());
        facts.put("createdAt", iso(job.creationDate()));
        facts.put("vaultName", job.backupVaultName());
        facts.put("statusMessage", emptyToNull(job.statusMessage()));
        return facts;
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
