package dev.vigil.collector.aws.cloudtrail;

import dev.vigil.collector.aws.AwsClients;
import dev.vigil.collector.aws.AwsCollector;
import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.collector.spi.CollectorInfo;
import dev.vigil.collector.spi.Permission;
import dev.vigil.collector.spi.Target;
import dev.vigil.collector.spi.TargetedCollector;
import jakarta.inject.Singleton;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;

import java.util.List;
import java.util.Set;

/**
 * The CloudTrail trails of one AWS account, read once from its home region ({@code vigil.aws.region}). Targeted
 * reads (provider events): one account's trails, its one item.
 */
@Singleton
public class CloudTrailCollector extends AwsCollector implements TargetedCollector {
    public static final String NAME = "aws-cloudtrail";
    /** Target kind: one account's trails ({@code <account id>}). */
    public static final String TARGET_ACCOUNT = "account";
    static final CollectorInfo INFO = new CollectorInfo(NAME, "1.1.0", "aws", List.of(CloudTrailScan.ACCOUNT),
            Permission.aws(CloudTrailScan.PERMISSION_DESCRIBE, CloudTrailScan.PERMISSION_STATUS));

    public CloudTrailCollector(AwsClients clients, VigilConfig config) {
        super(INFO, clients, config.collectors().awsCloudTrail());
    }

    @Override
    public void collect(CollectionContext context) {
        try (AwsClients.Session session = clients.session(context, info().resourceTypes())) {
            for (AwsClients.Reader reader : session.readers()) {
                scan(context, reader);
            }
        }
    }

    @Override
    public Set<String> targetKinds() {
        return Set.of(TARGET_ACCOUNT);
    }

    /**
     * An account ({@code <account id>}): its item, which lists every trail, read as a full run reads it (from the
     * home region, with the shadow trails), whichever trail and region the event named.
     */
    @Override
    public void collect(CollectionContext context, Target target) {
        try (AwsClients.Session session = clients.session(context, info().resourceTypes())) {
            reader(session, context, target.name(), CloudTrailScan.ACCOUNT, "cloudtrail")
                    .ifPresent(reader -> scan(context, reader));
        }
    }

    private void scan(CollectionContext context, AwsClients.Reader reader) {
        String home = clients.homeRegion();
        try (CloudTrailClient cloudTrail = clients.client(CloudTrailClient.builder(), config, Region.of(home),
                context, reader)) {
            new CloudTrailScan(cloudTrail, reader.accountId(), home).run(context);
        }
    }
}
