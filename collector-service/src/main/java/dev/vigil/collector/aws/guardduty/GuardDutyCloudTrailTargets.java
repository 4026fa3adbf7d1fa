package dev.vigil.collector.aws.guardduty;

import dev.vigil.collector.aws.CloudTrailCall;
import dev.vigil.collector.aws.CloudTrailTargets;
import dev.vigil.collector.spi.Target;

import java.util.List;
import java.util.Set;

import static dev.vigil.collector.aws.guardduty.GuardDutyCollector.NAME;
import static dev.vigil.collector.aws.guardduty.GuardDutyCollector.TARGET_REGION;

/**
 * GuardDuty calls {@code aws-guardduty} reads the call's region again for: a detector created or deleted (the
 * region's {@code detectorId}), or updated (enabled or suspended, its finding publishing frequency). The item is the
 * region's, so a deletion is read too: the region then has no detector, a fact. Whichever {@code detectorId} the
 * request names, the event's {@code awsRegion} is what is read.
 */
public final class GuardDutyCloudTrailTargets implements CloudTrailTargets {
    static final Set<String> EVENTS = Set.of("CreateDetector", "DeleteDetector", "UpdateDetector");

    @Override
    public String eventSource() {
        return "guardduty.amazonaws.com";
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
