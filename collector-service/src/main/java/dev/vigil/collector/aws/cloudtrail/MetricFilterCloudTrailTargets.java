package dev.vigil.collector.aws.cloudtrail;

import dev.vigil.collector.aws.CloudTrailCall;
import dev.vigil.collector.aws.CloudTrailTargets;
import dev.vigil.collector.spi.Target;

import java.util.List;
import java.util.Set;

import static dev.vigil.collector.aws.cloudtrail.CloudTrailCollector.NAME;
import static dev.vigil.collector.aws.cloudtrail.CloudTrailCollector.TARGET_ACCOUNT;

/**
 * CloudWatch Logs calls {@code aws-cloudtrail} reads the account again for: a metric filter created, changed or
 * deleted. Any log group's, since whether it is a trail's is only known from the trail listing; the read is the
 * account's (its trails and the alarms on their events), which a full run makes anyway.
 */
public final class MetricFilterCloudTrailTargets implements CloudTrailTargets {
    static final Set<String> EVENTS = Set.of("PutMetricFilter", "DeleteMetricFilter");

    @Override
    public String eventSource() {
        return "logs.amazonaws.com";
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
