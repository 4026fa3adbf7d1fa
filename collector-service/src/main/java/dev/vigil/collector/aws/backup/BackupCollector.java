package dev.vigil.collector.aws.backup;

import dev.vigil.collector.aws.AwsClients;
import dev.vigil.collector.aws.AwsCollector;
import dev.vigil.collector.aws.AwsRegions;
import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.collector.spi.CollectorInfo;
import dev.vigil.collector.spi.Permission;
import dev.vigil.collector.spi.Target;
import dev.vigil.collector.spi.TargetedCollector;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.backup.BackupClient;

import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * AWS Backup in each region: plans, vaults with their encryption and access policy, protected resources and recent
 * failed jobs.
 * Targeted reads (provider events): one region, all of it.
 */
@Singleton
public class BackupCollector extends AwsCollector implements TargetedCollector {
    public static final String NAME = "aws-backup";
    /** Target kind: one region of one account ({@code <account id>/<region>}). */
    public static final String TARGET_REGION = "region";
    static final CollectorInfo INFO = new CollectorInfo(NAME, "1.2.0", "aws",
            List.of(BackupScan.REGION, BackupScan.VAULT, BackupScan.VAULT_ACCESS_POLICY, BackupScan.RESOURCE),
            Permission.aws(AwsRegions.PERMISSION, BackupScan.PERMISSION_PLANS, BackupScan.PERMISSION_VAULTS,
                    BackupScan.PERMISSION_VAULT_POLICY, BackupScan.PERMISSION_RESOURCES, BackupScan.PERMISSION_JOBS));

    private final Clock clock = Clock.systemUTC();

    public BackupCollector(AwsClients clients, VigilConfig config) {
        super(INFO, clients, config.collectors().awsBackup());
    }

    @Override
    public void collect(CollectionContext context) {
        eachRegion(context, BackupClient::builder,
                (client, account, region) -> new BackupScan(client, account, region, clock.instant()));
    }

    @Override
    public Set<String> targetKinds() {
        return Set.of(TARGET_REGION);
    }

    /**
     * A region ({@code <account id>/<region>}): everything a full run reads there, with the same items. The plans
     * are one item per region, and a vault's facts come from the region's listing (one vault alone would need
     * DescribeBackupVault, a permission a full run does not), so the region is the smallest read.
     */
    @Override
    public void collect(CollectionContext context, Target target) {
        String[] parts = target.name().split("/", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("not <account id>/<region>: " + target.name());
        }
        inRegion(context, parts[0], parts[1], info().resourceTypes(), "backup", BackupClient::builder,
                (backup, account) -> new BackupScan(backup, account, parts[1], clock.instant()).run(context));
    }
}
