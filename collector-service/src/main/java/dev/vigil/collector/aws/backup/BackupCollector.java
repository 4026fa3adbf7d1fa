package dev.vigil.collector.aws.backup;

import dev.vigil.collector.aws.AwsClients;
import dev.vigil.collector.aws.AwsCollector;
import dev.vigil.collector.aws.AwsRegions;
import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.collector.spi.CollectorInfo;
import dev.vigil.collector.spi.Permission;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.backup.BackupClient;

import java.time.Clock;
import java.util.List;

/** AWS Backup in each region: plans, vaults and their encryption, protected resources and recent failed jobs. */
@Singleton
public class BackupCollector extends AwsCollector {
    public static final String NAME = "aws-backup";
    static final CollectorInfo INFO = new CollectorInfo(NAME, "1.0.0", "aws",
            List.of(BackupScan.REGION, BackupScan.VAULT, BackupScan.RESOURCE),
            Permission.aws(AwsRegions.PERMISSION, BackupScan.PERMISSION_PLANS, BackupScan.PERMISSION_VAULTS,
                    BackupScan.PERMISSION_RESOURCES, BackupScan.PERMISSION_JOBS));

    private final Clock clock = Clock.systemUTC();

    public BackupCollector(AwsClients clients, VigilConfig config) {
        super(INFO, clients, config.collectors().awsBackup());
    }

    @Override
    public void collect(CollectionContext context) {
        eachRegion(context, BackupClient::builder,
                (client, account, region) -> new BackupScan(client, account, region, clock.instant()));
    }
}
