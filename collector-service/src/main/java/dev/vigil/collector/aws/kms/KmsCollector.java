package dev.vigil.collector.aws.kms;

import dev.vigil.collector.aws.AwsClients;
import dev.vigil.collector.aws.AwsCollector;
import dev.vigil.collector.aws.AwsRegions;
import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.collector.spi.CollectorInfo;
import dev.vigil.collector.spi.Permission;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.kms.KmsClient;

import java.util.List;

/** Whether the enabled, symmetric, customer-managed KMS keys of each region rotate automatically. */
@Singleton
public class KmsCollector extends AwsCollector {
    public static final String NAME = "aws-kms";
    static final CollectorInfo INFO = new CollectorInfo(NAME, "1.0.0", "aws", List.of(KmsScan.KEY),
            Permission.aws(AwsRegions.PERMISSION, KmsScan.PERMISSION_LIST, KmsScan.PERMISSION_DESCRIBE,
                    KmsScan.PERMISSION_ROTATION));

    public KmsCollector(AwsClients clients, VigilConfig config) {
        super(INFO, clients, config.collectors().awsKms());
    }

    @Override
    public void collect(CollectionContext context) {
        eachRegion(context, KmsClient::builder, KmsScan::new);
    }
}
