package dev.vigil.collector.aws.guardduty;

import dev.vigil.collector.aws.CloudTrailCall;
import dev.vigil.collector.aws.CloudTrailTargets;
import dev.vigil.collector.spi.Target;

import java.util.List;
import java.util.Set;

import static dev.vigil.collector.aws.guardduty.GuardDutyCollector.NAME;
import static dev.vigil.collector.aws.guardduty.GuardDutyCollector.TARGET_REGION;

/**
 * EventBridge calls {@code aws-guardduty} reads the call's region again for: a rule created, changed, enabled,
 * disabled or deleted, or its targets changed. Any rule of the region, since whether it routes GuardDuty findings
 * is only known by reading it; the read is one region's rules.
 */
public final class FindingRoutingCloudTrailTargets implements CloudTrailTargets {
    static final Set<String> EVENTS = Set.of("PutRule", "DeleteRule", "EnableRule", "DisableRule", "PutTargets",
            "RemoveTargets");

    @Override
    public String eventSource() {
        return "events.amazonaws.com";
    }

    @Override
    public Set<String> eventNames() {
        return EVENTS;
    }

    @Override
    public List<Target> targets(CloudTrailCall call) {
        return List.of(new Target(NAME, TARGET_REGION, call.inRegion()));
    }
}
