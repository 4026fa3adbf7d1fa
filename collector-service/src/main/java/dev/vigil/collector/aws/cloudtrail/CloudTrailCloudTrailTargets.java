package dev.vigil.collector.aws.cloudtrail;

import dev.vigil.collector.aws.CloudTrailCall;
import dev.vigil.collector.aws.CloudTrailTargets;
import dev.vigil.collector.spi.Target;

import java.util.List;
import java.util.Set;

import static dev.vigil.collector.aws.cloudtrail.CloudTrailCollector.NAME;
import static dev.vigil.collector.aws.cloudtrail.CloudTrailCollector.TARGET_ACCOUNT;

/**
 * CloudTrail calls {@code aws-cloudtrail} reads the account's trails again for: a trail created, deleted, changed
 * (multi-region, organisation, log file validation, bucket, KMS key) or started or stopped. The account's one item
 * lists every trail, so whichever trail {@code requestParameters.name} names (a name or an ARN), the account is read.
 * PutEventSelectors is not read again for: no fact of the item depends on the selectors.
 */
public final class CloudTrailCloudTrailTargets implements CloudTrailTargets {
    static final Set<String> EVENTS = Set.of("CreateTrail", "DeleteTrail", "UpdateTrail", "StartLogging",
            "StopLogging");

    @Override
    public String eventSource() {
        return "cloudtrail.amazonaws.com";
    }

    @Override
    public Set<String> eventNames() {
        return EVENTS;
    }

    @Override
    public List<Target> targets(CloudTrailCall call) {
        return List.of(new Target(NAME, TARGET_ACCOUNT, call.account()));
    }
}
