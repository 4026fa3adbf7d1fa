package dev.vigil.collector.aws.cloudtrail;

import dev.vigil.collector.aws.AwsClients;
import dev.vigil.collector.aws.AwsCollector;
import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.collector.spi.CollectorInfo;
import dev.vigil.collector.spi.Permission;
import jakarta.inject.Singleton;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;

import java.util.List;

/** The CloudTrail trails of one AWS account, read once from its home region ({@code vigil.aws.region}). */
@Singleton
public class CloudTrailCollector extends AwsCollector {
    public static final String NAME = "aws-cloudtrail";
    static final CollectorInfo INFO = new CollectorInfo(NAME, "1.0.0", "aws", List.of(CloudTrailScan.ACCOUNT),
            Permission.aws(CloudTrailScan.PERMISSION_DESCRIBE, CloudTrailScan.PERMISSION_STATUS));

    public CloudTrailCollector(AwsClients clients, VigilConfig config) {
        super(INFO, clients, config.collectors().awsCloudTrail());
    }

    @Override
    public void collect(CollectionContext context) {
        String home = clients.homeRegion();
        try (AwsClients.Session session = clients.session(context, info().resourceTypes())) {
            for (AwsClients.Reader reader : session.readers()) {
                try (CloudTrailClient cloudTrail = clients.client(CloudTrailClient.builder(), config, Region.of(home),
                        context, reader)) {
                    new CloudTrailScan(cloudTrail, reader.accountId(), home).run(context);
                }
            }
        }
    }
}
