package dev.vigil.collector.aws.cloudtrail;

import dev.vigil.collector.aws.AwsFixtureClients;
import dev.vigil.collector.aws.FixtureHttpClient;
import dev.vigil.collector.aws.KeptAnswers;
import dev.vigil.collector.spi.AllowListDefinitions;
import dev.vigil.collector.testing.Facts;
import dev.vigil.collector.testing.RecordingContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recorded CloudWatch Logs (JSON) and CloudWatch (query protocol, XML) answers, unmarshalled by the real SDK, to one
 * account-level item listing each trail's log group, its metric filters, what each catches and the alarms on it.
 */
class MetricAlarmScanTest {
    private static final String KEY = "aws:111122223333:cloudtrail-metric-alarms";
    private static final String LOG_GROUP = "arn:aws:logs:us-east-1:111122223333:log-group:acme-cloudtrail:*";
    private static final String SNS = "arn:aws:sns:us-east-1:111122223333:security-oncall";
    private static final List<MetricAlarmScan.TrailDelivery> TRAILS = List.of(
            new MetricAlarmScan.TrailDelivery("acme-org-trail", "arn:aws:cloudtrail:us-east-1:111122223333:trail/acme-org-trail",
                    true, true, LOG_GROUP),
            new MetricAlarmScan.TrailDelivery("acme-dev-trail", "arn:aws:cloudtrail:us-east-1:111122223333:trail/acme-dev-trail",
                    false, true, null),
            // the same log group: read once
            new MetricAlarmScan.TrailDelivery("acme-audit-trail",
                    "arn:aws:cloudtrail:us-east-1:111122223333:trail/acme-audit-trail", true, false, LOG_GROUP),
            // an organisation trail whose log group is the management account's: not readable from this account
            new MetricAlarmScan.TrailDelivery("org-trail", "arn:aws:cloudtrail:us-east-1:999988887777:trail/org-trail",
                    true, true, "arn:aws:logs:us-east-1:999988887777:log-group:org-cloudtrail:*"));

    @TempDir
    Path store;

    private FixtureHttpClient answers() {
        return new FixtureHttpClient(getClass())
                .answer("DescribeMetricFilters@us-east-1/acme-cloudtrail", 200, "filters-page-1.json")
                .answer("DescribeMetricFilters@us-east-1#page-2/acme-cloudtrail", 200, "filters-page-2.json")
                .answer("DescribeAlarms@us-east-1", 200, "alarms-page-1.xml")
                .answer("DescribeAlarms@us-east-1#page-2", 200, "alarms-page-2.xml");
    }

    @Test
    void listsEachTrailsFiltersWithWhatTheyCatchAndTheAlarmsOnThem() {
        FixtureHttpClient http = answers();
        RecordingContext context = scan(http, TRAILS);

        assertThat(context.failures).isEmpty();
        RecordingContext.Item item = context.byKey().get(KEY);
        assertThat(item.resourceType()).isEqualTo("aws.cloudtrail.metric-alarms");
        assertThat(item.facts()).containsEntry("homeRegion", "us-east-1");
        List<Map<String, Object>> trails = list(item.facts().get("trails"));
        assertThat(trails).extracting(t -> t.get("name"))
                .containsExactly("acme-org-trail", "acme-dev-trail", "acme-audit-trail", "org-trail");

        Map<String, Object> org = trails.get(0);
        assertThat(org).containsEntry("logGroup", "acme-cloudtrail").containsEntry("logGroupRegion", "us-east-1")
                .containsEntry("logGroupAccount", "111122223333").containsEntry("isMultiRegionTrail", true)
                .containsEntry("isLogging", true);
        List<Map<String, Object>> filters = list(org.get("filters"));
        assertThat(filters).extracting(f -> f.get("name")).containsExactly("unauthorized-api-calls",
                "console-signin-failures", "root-usage", "iam-policy-changes", "vpc-changes", "application-errors");
        assertThat(filters).extracting(f -> f.get("catches")).containsExactly(
                List.of("unauthorized-api-calls"), List.of("console-authentication-failures"), List.of("root-usage"),
                List.of("iam-policy-changes"), List.of("vpc-changes"), List.of());
        assertThat(filters.get(0)).containsEntry("metrics",
                List.of(Map.of("namespace", "CloudTrailMetrics", "name", "UnauthorizedAPICalls")));
        assertThat(filters.get(0).get("alarms")).isEqualTo(List.of(alarm("unauthorized-api-calls", true, List.of(SNS))));
        // a metric-math alarm reading the filter's metric watches it too
        assertThat(filters.get(1).get("alarms")).isEqualTo(List.of(alarm("console-signin-failures", true,
                List.of("arn:aws:lambda:us-east-1:111122223333:function:page-oncall", SNS))));
        assertThat(filters.get(2).get("alarms")).isEqualTo(List.of(alarm("root-usage", false, List.of(SNS))));
        assertThat(filters.get(3).get("alarms")).isEqualTo(List.of(alarm("iam-policy-changes", true, List.of())));
        assertThat(filters.get(4).get("alarms")).isEqualTo(List.of());

        assertThat(trails.get(1)).containsEntry("logGroupArn", null).containsEntry("logGroup", null)
                .containsEntry("filters", null);
        assertThat(trails.get(2).get("filters")).isEqualTo(filters);
        assertThat(trails.get(3)).containsEntry("logGroupAccount", "999988887777").containsEntry("filters", null);

        // every page of each listing, the log group's once and the region's alarms once
        assertThat(http.requested).containsExactly("DescribeMetricFilters@us-east-1/acme-cloudtrail",
                "DescribeMetricFilters@us-east-1#page-2/acme-cloudtrail", "DescribeAlarms@us-east-1",
                "DescribeAlarms@us-east-1#page-2");
        assertThat(item.provenance().supporting()).extracting(c -> c.operation()).containsExactly(
                "logs:DescribeMetricFilters", "logs:DescribeMetricFilters", "cloudwatch:DescribeAlarms",
                "cloudwatch:DescribeAlarms");
        assertThat(item.provenance().supporting().get(1).parameters()).isEqualTo(Map.of("Region", "us-east-1",
                "logGroupName", "acme-cloudtrail", "NextToken", "page-2"));
    }

    @Test
    void anAccountWhoseTrailsDeliverNowhereIsAFact() {
        FixtureHttpClient http = new FixtureHttpClient(getClass());
        RecordingContext context = scan(http, List.of(TRAILS.get(1)));

        assertThat(context.failures).isEmpty();
        assertThat(http.requested).isEmpty();
        assertThat(list(context.byKey().get(KEY).facts().get("trails"))).singleElement()
                .satisfies(t -> assertThat(t).containsEntry("filters", null));
        assertThat(list(scan(new FixtureHttpClient(getClass()), List.of()).byKey().get(KEY).facts().get("trails")))
                .isEmpty();
    }

    @Test
    void deniedFiltersOrAlarmsPublishNothingAndNameTheAction() {
        RecordingContext filters = scan(new FixtureHttpClient(getClass())
                .answer("DescribeMetricFilters@us-east-1/acme-cloudtrail", 400, "error-filters-denied.json"), TRAILS);
        assertThat(filters.evidence).isEmpty();
        assertThat(filters.failures).singleElement().satisfies(f -> {
            assertThat(f.resourceType()).isEqualTo("aws.cloudtrail.metric-alarms");
            assertThat(f.resourceKey()).isEqualTo(KEY);
            assertThat(f.missingPermission()).isEqualTo("logs:DescribeMetricFilters");
            assertThat(f.reason()).isEqualTo("cannot list the metric filters of log group acme-cloudtrail in "
                    + "us-east-1: HTTP 400 AccessDeniedException");
        });

        RecordingContext alarms = scan(answers().without("DescribeAlarms@us-east-1")
                .answer("DescribeAlarms@us-east-1", 403, "error-alarms-denied.xml"), TRAILS);
        assertThat(alarms.evidence).isEmpty();
        assertThat(alarms.failures).singleElement().satisfies(f -> {
            assertThat(f.missingPermission()).isEqualTo("cloudwatch:DescribeAlarms");
            assertThat(f.reason()).isEqualTo("cannot list the CloudWatch alarms of us-east-1: HTTP 403 AccessDenied");
        });
    }

    @Test
    void theAnswersAsTheEvidenceStoreKeepsThemGiveTheSameFactsAndFailures() {
        KeptAnswers kept = KeptAnswers.assertSameFacts(AllowListDefinitions.of(CloudTrailCollector.class), "us-east-1",
                this::answers, (http, k) -> scan(http, TRAILS, k));
        assertThat(kept.kinds).containsExactly("metric filters (CloudWatch Logs)", "metric filters (CloudWatch Logs)",
                "metric alarms (CloudWatch)", "metric alarms (CloudWatch)");
        KeptAnswers.assertSameFacts(AllowListDefinitions.of(CloudTrailCollector.class), "us-east-1",
                () -> answers().without("DescribeAlarms@us-east-1")
                        .answer("DescribeAlarms@us-east-1", 403, "error-alarms-denied.xml"),
                (http, k) -> scan(http, TRAILS, k));
    }

    private static Map<String, Object> alarm(String name, boolean actionsEnabled, List<String> actions) {
        return Facts.of("name", name, "actionsEnabled", actionsEnabled, "alarmActions", actions, "state", "OK");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return new ArrayList<>((List<Map<String, Object>>) value);
    }

    private RecordingContext scan(FixtureHttpClient http, List<MetricAlarmScan.TrailDelivery> trails) {
        return scan(http, trails, null);
    }

    private RecordingContext scan(FixtureHttpClient http, List<MetricAlarmScan.TrailDelivery> trails,
                                  KeptAnswers kept) {
        RecordingContext context = new RecordingContext(store);
        try (CloudWatchLogsClient logs = AwsFixtureClients.client(CloudWatchLogsClient.builder(), http,
                Region.US_EAST_1, context, kept);
             CloudWatchClient cloudWatch = AwsFixtureClients.client(CloudWatchClient.builder(), http,
                     Region.US_EAST_1, context, kept)) {
            new MetricAlarmScan(region -> logs, region -> cloudWatch, "111122223333", "us-east-1")
                    .run(context, trails);
        }
        return context;
    }
}
