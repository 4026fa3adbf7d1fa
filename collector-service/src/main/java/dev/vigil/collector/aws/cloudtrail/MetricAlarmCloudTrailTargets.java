package dev.vigil.collector.aws.cloudtrail;

import dev.vigil.collector.aws.CloudTrailCall;
import dev.vigil.collector.aws.CloudTrailTargets;
import dev.vigil.collector.spi.Target;

import java.util.List;
import java.util.Set;

import static dev.vigil.collector.aws.cloudtrail.CloudTrailCollector.NAME;
import static dev.vigil.collector.aws.cloudtrail.CloudTrailCollector.TARGET_ACCOUNT;

/**
 * CloudWatch calls ({@code monitoring.amazonaws.com}; EventBridge's source {@code aws.cloudwatch}) {@code aws-cloudtrail}
 * reads the account again for: a metric alarm created, changed or deleted, or its actions enabled or disabled. Any
 * alarm's, since whether it watches a trail's metric filter is only known by reading both.
 */
public final class MetricAlarmCloudTrailTargets implements CloudTrailTargets {
    static final Set<String> EVENTS = Set.of("PutMetricAlarm", "DeleteAlarms", "EnableAlarmActions",
            "DisableAlarmActions");

    @Override
    public String eventSource() {
        return "monitoring.amazonaws.com";
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
