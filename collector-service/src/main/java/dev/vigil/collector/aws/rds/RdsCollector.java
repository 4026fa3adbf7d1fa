package dev.vigil.collector.aws.rds;

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
import software.amazon.awssdk.services.rds.RdsClient;

import java.util.List;
import java.util.Set;

/**
 * RDS database instances of one AWS account, region by region. Targeted reads (provider events): one instance, in
 * its region.
 */
@Singleton
public class RdsCollector extends AwsCollector implements TargetedCollector {
    public static final String NAME = "aws-rds";
    /** Target kind: one instance ({@code <account id>/<region>/<instance identifier>}). */
    public static final String TARGET_INSTANCE = "instance";
    static final CollectorInfo INFO = new CollectorInfo(NAME, "1.1.0", "aws", List.of(RdsScan.INSTANCE),
            Permission.aws(AwsRegions.PERMISSION, RdsScan.PERMISSION));

    public RdsCollector(AwsClients clients, VigilConfig config) {
        super(INFO, clients, config.collectors().awsRds());
    }

    @Override
    public void collect(CollectionContext context) {
        eachRegion(context, RdsClient::builder, RdsScan::new);
    }

    @Override
    public Set<String> targetKinds() {
        return Set.of(TARGET_INSTANCE);
    }

    /** An instance ({@code <account id>/<region>/<identifier>}): its item, as a full run reads it in its region. */
    @Override
    public void collect(CollectionContext context, Target target) {
        String[] parts = target.name().split("/", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not <account id>/<region>/<instance identifier>: " + target.name());
        }
        inRegion(context, parts[0], parts[1], RdsScan.INSTANCE, "rds", RdsClient::builder,
                (rds, account) -> new RdsScan(rds, account, parts[1]).instance(context, parts[2]));
    }
}
