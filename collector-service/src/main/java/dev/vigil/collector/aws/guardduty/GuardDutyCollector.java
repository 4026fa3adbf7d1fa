package dev.vigil.collector.aws.guardduty;

import dev.vigil.collector.aws.AwsClients;
import dev.vigil.collector.aws.AwsCollector;
import dev.vigil.collector.aws.AwsRegions;
import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.collector.spi.CollectorInfo;
import dev.vigil.collector.spi.Permission;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;

import java.util.List;

/** Whether GuardDuty's threat detection runs in each region of one AWS account. */
@Singleton
public class GuardDutyCollector extends AwsCollector {
    public static final String NAME = "aws-guardduty";
    static final CollectorInfo INFO = new CollectorInfo(NAME, "1.0.0", "aws", List.of(GuardDutyScan.REGION),
            Permission.aws(AwsRegions.PERMISSION, GuardDutyScan.PERMISSION_LIST, GuardDutyScan.PERMISSION_GET));

    public GuardDutyCollector(AwsClients clients, VigilConfig config) {
        super(INFO, clients, config.collectors().awsGuardDuty());
    }

    @Override
    public void collect(CollectionContext context) {
        eachRegion(context, GuardDutyClient::builder, GuardDutyScan::new);
    }
}
