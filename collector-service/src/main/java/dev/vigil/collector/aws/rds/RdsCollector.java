package dev.vigil.collector.aws.rds;

import dev.vigil.collector.aws.AwsClients;
import dev.vigil.collector.aws.AwsCollector;
import dev.vigil.collector.aws.AwsRegions;
import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.collector.spi.CollectorInfo;
import dev.vigil.collector.spi.Permission;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.rds.RdsClient;

import java.util.List;

/** RDS database instances of one AWS account, region by region. */
@Singleton
public class RdsCollector extends AwsCollector {
    public static final String NAME = "aws-rds";
    static final CollectorInfo INFO = new CollectorInfo(NAME, "1.0.0", "aws", List.of(RdsScan.INSTANCE),
            Permission.aws(AwsRegions.PERMISSION, RdsScan.PERMISSION));

    public RdsCollector(AwsClients clients, VigilConfig config) {
        super(INFO, clients, config.collectors().awsRds());
    }

    @Override
    public void collect(CollectionContext context) {
        eachRegion(context, RdsClient::builder, RdsScan::new);
    }
}
