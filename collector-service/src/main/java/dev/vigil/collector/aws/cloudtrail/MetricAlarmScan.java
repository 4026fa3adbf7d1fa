package dev.vigil.collector.aws.cloudtrail;

import dev.vigil.collector.aws.AwsErrors;
import dev.vigil.collector.aws.SdkCaptureInterceptor;
import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.collector.spi.RawResponse;
import dev.vigil.common.evidence.Provenance;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeMetricFiltersResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.MetricFilter;
import software.amazon.awssdk.services.cloudwatchlogs.model.MetricTransformation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the alarms on an account's CloudTrail events: for each trail that delivers to a CloudWatch Logs log group
 * (its {@code CloudWatchLogsLogGroupArn}), the log group's metric filters (DescribeMetricFilters, every page) and the
 * metric alarms of the log group's region (DescribeAlarms, every page, read once per region), each filter with what it
 * catches ({@link MetricFilterPatterns}) and the alarms on its metric with their actions. Publishes one account-level
 * item listing every trail, so a trail that delivers nowhere is a fact ({@code logGroup: null}), and an account
 * without trails too. A log group of another account (an organisation trail seen from a member account) is not read
 * from this one ({@code filters: null}). When a filter or alarm listing cannot be read, nothing is published (an
 * incomplete list could fail the account wrongly, or pass it) and the run names the action.
 */
final class MetricAlarmScan {
    static final String METRIC_ALARMS = "aws.cloudtrail.metric-alarms";
    static final String PERMISSION_FILTERS = "logs:DescribeMetricFilters";
    static final String PERMISSION_ALARMS = "cloudwatch:DescribeAlarms";
    /** {@code arn:<partition>:logs:<region>:<account>:log-group:<name>[:*]}, as CloudTrail names the log group. */
    private static final Pattern LOG_GROUP_ARN = Pattern.compile(
            "arn:[a-z-]+:logs:([a-z0-9-]+):(\\d{12}):log-group:(.+?)(:\\*)?");

    /** What the trail listing says of one trail's delivery to CloudWatch Logs. */
    record TrailDelivery(String name, String arn, boolean multiRegion, boolean logging, String logGroupArn) {
    }

    private record LogGroup(String region, String account, String name) {
    }

    private final Function<String, CloudWatchLogsClient> logs;
    private final Function<String, CloudWatchClient> cloudWatch;
    private final String accountId;
    private final String homeRegion;

    /**
     * @param logs       a CloudWatch Logs client of a region (the collector opens and closes them)
     * @param cloudWatch a CloudWatch client of a region
     * @param homeRegion where the trails were listed
     */
    MetricAlarmScan(Function<String, CloudWatchLogsClient> logs, Function<String, CloudWatchClient> cloudWatch,
                    String accountId, String homeRegion) {
        this.logs = logs;
        this.cloudWatch = cloudWatch;
        this.accountId = accountId;
        this.homeRegion = homeRegion;
    }

    String key() {
        return "aws:" + accountId + ":cloudtrail-metric-alarms";
    }

    void run(CollectionContext context, List<TrailDelivery> trails) {
        List<Provenance.Citation> read = new ArrayList<>();
        Map<LogGroup, List<Map<String, Object>>> filtersByGroup = new HashMap<>();
        Map<String, List<MetricAlarm>> alarmsByRegion = new HashMap<>();
        List<Map<String, Object>> listed = new ArrayList<>();
        for (TrailDelivery trail : trails) {
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("name", trail.name());
            facts.put("arn", trail.arn());
            facts.put("isMultiRegionTrail", trail.multiRegion());
            facts.put("isLogging", trail.logging());
            facts.put("logGroupArn", trail.logGroupArn());
            Optional<LogGroup> group = logGroup(trail.logGroupArn());
            facts.put("logGroup", group.map(LogGroup::name).orElse(null));
            facts.put("logGroupRegion", group.map(LogGroup::region).orElse(null));
            facts.put("logGroupAccount", group.map(LogGroup::account).orElse(null));
            if (group.isEmpty() || !group.get().account().equals(accountId)) {
                facts.put("filters", null);
            } else {
                LogGroup g = group.get();
                if (!filtersByGroup.containsKey(g)) {
                    Optional<List<MetricFilter>> filters = filters(context, g, read);
                    if (filters.isEmpty()) {
                        return;
                    }
                    // a log group without filters has nothing to alarm on: the region's alarms are not asked
                    if (!filters.get().isEmpty() && !alarmsByRegion.containsKey(g.region())) {
                        Optional<List<MetricAlarm>> alarms = alarms(context, g.region(), read);
                        if (alarms.isEmpty()) {
                            return;
                        }
                        alarmsByRegion.put(g.region(), alarms.get());
                    }
                    List<MetricAlarm> alarms = alarmsByRegion.getOrDefault(g.region(), List.of());
                    filtersByGroup.put(g, filters.get().stream().map(f -> filter(f, alarms)).toList());
                }
                facts.put("filters", filtersByGroup.get(g));
            }
            listed.add(facts);
        }
        // which log group each trail delivers to is read from the trail listing: it is the primary answer
        RawResponse described = context.raw().get(SdkCaptureInterceptor.key(homeRegion, "DescribeTrails", null))
                .orElse(null);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("homeRegion", homeRegion);
        facts.put("trails", listed);
        context.evidence(METRIC_ALARMS, key(), facts, context.provenance(CloudTrailScan.PERMISSION_DESCRIBE,
                Map.of("Region", homeRegion, "includeShadowTrails", "true"), described, read));
    }

    /** The log group a trail names, if its ARN is one. */
    private static Optional<LogGroup> logGroup(String arn) {
        if (arn == null) {
            return Optional.empty();
        }
        Matcher m = LOG_GROUP_ARN.matcher(arn);
        return m.matches() ? Optional.of(new LogGroup(m.group(1), m.group(2), m.group(3))) : Optional.empty();
    }

    private Optional<List<MetricFilter>> filters(CollectionContext context, LogGroup group,
                                                 List<Provenance.Citation> read) {
        List<MetricFilter> filters = new ArrayList<>();
        CloudWatchLogsClient client = logs.apply(group.region());
        String token = null;
        try {
            do {
                String page = token;
                DescribeMetricFiltersResponse answer = client.describeMetricFilters(r -> r.logGroupName(group.name())
                        .nextToken(page));
                cite(context, group.region(), "DescribeMetricFilters", PERMISSION_FILTERS, page,
                        Map.of("logGroupName", group.name()), read);
                filters.addAll(answer.metricFilters());
                token = answer.nextToken();
            } while (token != null && !token.isEmpty());
        } catch (SdkException e) {
            context.failure(AwsErrors.failure(METRIC_ALARMS, key(), "list the metric filters of log group "
                    + group.name() + " in " + group.region(), PERMISSION_FILTERS, e));
            return Optional.empty();
        }
        return Optional.of(filters);
    }

    private Optional<List<MetricAlarm>> alarms(CollectionContext context, String region,
                                               List<Provenance.Citation> read) {
        List<MetricAlarm> alarms = new ArrayList<>();
        CloudWatchClient client = cloudWatch.apply(region);
        String token = null;
        try {
            do {
                String page = token;
                DescribeAlarmsResponse answer = client.describeAlarms(r -> r.nextToken(page));
                cite(context, region, "DescribeAlarms", PERMISSION_ALARMS, page, Map.of(), read);
                alarms.addAll(answer.metricAlarms());
                token = answer.nextToken();
            } while (token != null && !token.isEmpty());
        } catch (SdkException e) {
            context.failure(AwsErrors.failure(METRIC_ALARMS, key(), "list the CloudWatch alarms of " + region,
                    PERMISSION_ALARMS, e));
            return Optional.empty();
        }
        return Optional.of(alarms);
    }

    private static void cite(CollectionContext context, String region, String operation, String permission,
                             String page, Map<String, String> parameters, List<Provenance.Citation> read) {
        context.raw().get(SdkCaptureInterceptor.key(region, operation, null)).ifPresent(raw -> {
            Map<String, String> cited = new LinkedHashMap<>(parameters);
            cited.put("Region", region);
            if (page != null) {
                cited.put("NextToken", page);
            }
            read.add(raw.cite(permission, cited));
        });
    }

    private static Map<String, Object> filter(MetricFilter filter, List<MetricAlarm> alarms) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("name", filter.filterName());
        facts.put("pattern", filter.filterPattern());
        facts.put("catches", MetricFilterPatterns.ids(MetricFilterPatterns.catches(filter.filterPattern())));
        List<Map<String, Object>> metrics = new ArrayList<>();
        List<Map<String, Object>> on = new ArrayList<>();
        for (MetricTransformation metric : filter.metricTransformations()) {
            metrics.add(Map.of("namespace", metric.metricNamespace(), "name", metric.metricName()));
            alarms.stream().filter(a -> watches(a, metric)).map(MetricAlarmScan::alarm).forEach(on::add);
        }
        facts.put("metrics", metrics);
        facts.put("alarms", on);
        return facts;
    }

    /** An alarm on the metric itself, or a metric-math alarm one of whose queries reads it (any dimensions). */
    private static boolean watches(MetricAlarm alarm, MetricTransformation metric) {
        if (metric.metricName().equals(alarm.metricName()) && metric.metricNamespace().equals(alarm.namespace())) {
            return true;
        }
        return alarm.metrics().stream().map(MetricDataQuery::metricStat).filter(Objects::nonNull)
                .map(stat -> stat.metric()).filter(Objects::nonNull)
                .anyMatch(m -> metric.metricName().equals(m.metricName())
                        && metric.metricNamespace().equals(m.namespace()));
    }

    private static Map<String, Object> alarm(MetricAlarm alarm) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("name", alarm.alarmName());
        facts.put("actionsEnabled", Boolean.TRUE.equals(alarm.actionsEnabled()));
        // what is told when the alarm fires: SNS topics, Lambda functions, Systems Manager, or EC2 actions
        facts.put("alarmActions", alarm.alarmActions().stream().sorted().toList());
        facts.put("state", alarm.stateValueAsString());
        return facts;
    }
}
