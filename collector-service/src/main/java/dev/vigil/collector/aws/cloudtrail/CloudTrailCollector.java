package dev.vigil.collector.aws.cloudtrail;

import dev.vigil.collector.aws.AwsClients;
import dev.vigil.collector.aws.AwsCollector;
import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.collector.spi.CollectorInfo;
import dev.vigil.collector.spi.Permission;
import dev.vigil.collector.spi.Target;
import dev.vigil.collector.spi.TargetedCollector;
import dev.vigil.common.evidence.RunFailure;
import jakarta.inject.Singleton;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The CloudTrail trails of one AWS account, read once from its home region ({@code vigil.aws.region}), and the
 * CloudWatch alarms on their events (metric filters of each trail's log group, alarms on their metrics). Targeted
 * reads (provider events): one account's trails and alarms, its two items.
 */
@Singleton
public class CloudTrailCollector extends AwsCollector implements TargetedCollector {
    public static final String NAME = "aws-cloudtrail";
    /** Target kind: one account's trails ({@code <account id>}). */
    public static final String TARGET_ACCOUNT = "account";
    static final CollectorInfo INFO = new CollectorInfo(NAME, "1.2.0", "aws",
            List.of(CloudTrailScan.ACCOUNT, MetricAlarmScan.METRIC_ALARMS),
            Permission.aws(CloudTrailScan.PERMISSION_DESCRIBE, CloudTrailScan.PERMISSION_STATUS,
                    MetricAlarmScan.PERMISSION_FILTERS, MetricAlarmScan.PERMISSION_ALARMS));

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
     * An account ({@code <account id>}): its two items, the trails and the alarms on their events, read as a full
     * run reads them (from the home region, with the shadow trails), whichever trail, filter, alarm or region the
     * event named.
     */
    @Override
    public void collect(CollectionContext context, Target target) {
        try (AwsClients.Session session = clients.session(context, info().resourceTypes())) {
            reader(session, context, target.name(), info().resourceTypes(), "cloudtrail")
                    .ifPresent(reader -> scan(context, reader));
        }
    }

    /**
     * The trails, then the alarms on their events: the metric filters of each trail's log group and the alarms of the
     * log group's region, through clients of that region opened as needed. Trails that cannot be read leave the
     * alarms unread too (reported for both items).
     */
    private void scan(CollectionContext context, AwsClients.Reader reader) {
        String home = clients.homeRegion();
        Optional<List<MetricAlarmScan.TrailDelivery>> trails;
        try (CloudTrailClient cloudTrail = clients.client(CloudTrailClient.builder(), config, Region.of(home),
                context, reader)) {
            trails = new CloudTrailScan(cloudTrail, reader.accountId(), home).run(context);
        }
        Map<String, CloudWatchLogsClient> logs = new HashMap<>();
        Map<String, CloudWatchClient> cloudWatch = new HashMap<>();
        try {
            MetricAlarmScan alarms = new MetricAlarmScan(
                    region -> logs.computeIfAbsent(region, r -> clients.client(CloudWatchLogsClient.builder(), config,
                            Region.of(r), context, reader)),
                    region -> cloudWatch.computeIfAbsent(region, r -> clients.client(CloudWatchClient.builder(),
                            config, Region.of(r), context, reader)),
                    reader.accountId(), home);
            if (trails.isEmpty()) {
                context.failure(new RunFailure(MetricAlarmScan.METRIC_ALARMS, alarms.key(),
                        "cannot read the alarms on CloudTrail's events: the trails of account " + reader.accountId()
                                + " could not be read", null));
                return;
            }
            alarms.run(context, trails.get());
        } finally {
            logs.values().forEach(CloudWatchLogsClient::close);
            cloudWatch.values().forEach(CloudWatchClient::close);
        }
    }
}
