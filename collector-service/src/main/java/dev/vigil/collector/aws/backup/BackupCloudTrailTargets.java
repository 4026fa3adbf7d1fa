package dev.vigil.collector.aws.backup;

import dev.vigil.collector.aws.CloudTrailCall;
import dev.vigil.collector.aws.CloudTrailTargets;
import dev.vigil.collector.spi.Target;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.vigil.collector.aws.backup.BackupCollector.NAME;
import static dev.vigil.collector.aws.backup.BackupCollector.TARGET_REGION;

/**
 * AWS Backup calls {@code aws-backup} reads the call's region again for: a backup plan created, renamed or deleted
 * (the region's one item lists the plans, so a deleted plan shows as gone), a vault created, its Vault Lock put
 * or deleted (the vault's {@code locked}), or its access policy put or deleted (who may delete its backups). The
 * event's {@code awsRegion} is what is read, whichever plan or vault the request names. Not read again for, since
 * no fact depends on them: backup selections. Recovery points, protected resources and failed jobs change as jobs run, which no call announces: they
 * wait for the scheduled collection.
 */
public final class BackupCloudTrailTargets implements CloudTrailTargets {
    static final Set<String> EVENTS = Set.of("CreateBackupPlan", "UpdateBackupPlan", "DeleteBackupPlan",
            "CreateBackupVault", "PutBackupVaultLockConfiguration", "DeleteBackupVaultLockConfiguration",
            "PutBackupVaultAccessPolicy", "DeleteBackupVaultAccessPolicy");

    @Override
    public String eventSource() {
        return "backup.amazonaws.com";
    }

    @Override
    public Set<String> eventNames() {
        return EVENTS;
    }

    @Override
    public Map<String, String> ignored() {
        return Map.of("DeleteBackupVault", CloudTrailTargets.retiredByTheNextFullRun("a vault"));
    }

    @Override
    public List<Target> targets(CloudTrailCall call) {
        return List.of(new Target(NAME, TARGET_REGION, call.inRegion()));
    }
}
