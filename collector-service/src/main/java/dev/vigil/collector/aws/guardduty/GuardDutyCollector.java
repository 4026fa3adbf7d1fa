package dev.vigil.collector.aws.guardduty;

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
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;

import java.util.List;
import java.util.Set;

/**
 * Whether GuardDuty's threat detection runs in each region of one AWS account, and where its findings go (the
 * EventBridge rules that route them to alerting). Targeted reads (provider events): one region, its two items.
 */
@Singleton
public class GuardDutyCollector extends AwsCollector implements TargetedCollector {
    public static final String NAME = "aws-guardduty";
    /** Target kind: one region of one account ({@code <account id>/<region>}). */
    public static final String TARGET_REGION = "region";
    static final CollectorInfo INFO = new CollectorInfo(NAME, "1.2.0", "aws",
            List.of(GuardDutyScan.REGION, FindingRoutingScan.ROUTING),
            Permission.aws(AwsRegions.PERMISSION, GuardDutyScan.PERMISSION_LIST, GuardDutyScan.PERMISSION_GET,
                    FindingRoutingScan.PERMISSION_RULES, FindingRoutingScan.PERMISSION_TARGETS));

    public GuardDutyCollector(AwsClients clients, VigilConfig config) {
        super(INFO, clients, config.collectors().awsGuardDuty());
    }

    @Override
    public void collect(CollectionContext context) {
        eachRegion(context, read(GuardDutyClient::builder, GuardDutyScan::new),
                read(EventBridgeClient::builder, FindingRoutingScan::new));
    }

    @Override
    public Set<String> targetKinds() {
        return Set.of(TARGET_REGION);
    }

    /**
     * A region ({@code <account id>/<region>}): its items, read as a full run reads them there. An item is the region
     * (at most one detector per account and region; one set of routing rules), so the region is the smallest read.
     */
    @Override
    public void collect(CollectionContext context, Target target) {
        String[] parts = target.name().split("/", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("not <account id>/<region>: " + target.name());
        }
        inRegion(context, parts[0], parts[1], List.of(GuardDutyScan.REGION, FindingRoutingScan.ROUTING), "guardduty",
                read(GuardDutyClient::builder, GuardDutyScan::new), read(EventBridgeClient::builder,
                        FindingRoutingScan::new));
    }
}
