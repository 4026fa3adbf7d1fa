package dev.vigil.collector.aws.cloudtrail;

import dev.vigil.collector.aws.AwsErrors;
import dev.vigil.collector.aws.SdkCaptureInterceptor;
import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.common.evidence.Provenance;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.GetTrailStatusResponse;
import software.amazon.awssdk.services.cloudtrail.model.Trail;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the trails of one account from its home region: DescribeTrails (with the shadow trails, so that a
 * multi-region trail created in another region and an organisation trail seen from a member account are listed
 * too) and GetTrailStatus of each, by ARN. Publishes one account-level item listing them: an account without a
 * trail is a fact ({@code trails: []}), not a missing resource. When a trail's status cannot be read, nothing is
 * published (an incomplete list could fail the account wrongly) and the run names the action.
 */
final class CloudTrailScan {
    static final String ACCOUNT = "aws.cloudtrail.account";
    static final String PERMISSION_DESCRIBE = "cloudtrail:DescribeTrails";
    static final String PERMISSION_STATUS = "cloudtrail:GetTrailStatus";

    private final CloudTrailClient client;
    private final String accountId;
    private final String region;

    /** {@code cloudTrail} is a client of {@code region}, the account's home region. */
    CloudTrailScan(CloudTrailClient cloudTrail, String accountId, String region) {
        this.client = cloudTrail;
        this.accountId = accountId;
        this.region = region;
    }

    /**
     * Publishes the account's item; returns how each trail delivers to CloudWatch Logs, or empty when the trails
     * could not be read (nothing published).
     */
    Optional<List<MetricAlarmScan.TrailDelivery>> run(CollectionContext context) {
        String key = "aws:" + accountId + ":cloudtrail";
        Optional<List<Trail>> trails = AwsErrors.read(context, ACCOUNT, key, "list CloudTrail trails in " + region,
                PERMISSION_DESCRIBE, () -> client.describeTrails(r -> r.includeShadowTrails(true)).trailList());
        if (trails.isEmpty()) {
            return Optional.empty();
        }
        var described = context.raw().get(SdkCaptureInterceptor.key(region, "DescribeTrails", null)).orElse(null);
        List<Map<String, Object>> listed = new ArrayList<>();
        List<MetricAlarmScan.TrailDelivery> deliveries = new ArrayList<>();
        // whether each trail is logging comes from its own GetTrailStatus answer (kept under the trail's Name)
        List<Provenance.Citation> statuses = new ArrayList<>();
        for (Trail trail : trails.get().stream().sorted(Comparator.comparing(Trail::name)).toList()) {
            String id = trail.trailARN() == null ? trail.name() : trail.trailARN();
            try {
                GetTrailStatusResponse status = client.getTrailStatus(r -> r.name(id));
                listed.add(facts(trail, status));
                deliveries.add(new MetricAlarmScan.TrailDelivery(trail.name(), trail.trailARN(),
                        Boolean.TRUE.equals(trail.isMultiRegionTrail()), Boolean.TRUE.equals(status.isLogging()),
                        trail.cloudWatchLogsLogGroupArn()));
                context.raw().get(SdkCaptureInterceptor.key(region, "GetTrailStatus", id)).ifPresent(r ->
                        statuses.add(r.cite(PERMISSION_STATUS, Map.of("Region", region, "Name", id))));
            } catch (SdkException e) {
                context.failure(AwsErrors.failure(ACCOUNT, key, "read the status of CloudTrail trail " + trail.name(),
                        PERMISSION_STATUS, e));
                return Optional.empty();
            }
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("homeRegion", region);
        facts.put("trails", listed);
        context.evidence(ACCOUNT, key, facts, context.provenance(PERMISSION_DESCRIBE,
                Map.of("Region", region, "includeShadowTrails", "true"), described, statuses));
        return Optional.of(deliveries);
    }

    private static Map<String, Object> facts(Trail trail, GetTrailStatusResponse status) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("name", trail.name());
        facts.put("arn", trail.trailARN());
        facts.put("homeRegion", trail.homeRegion());
        facts.put("isMultiRegionTrail", Boolean.TRUE.equals(trail.isMultiRegionTrail()));
        facts.put("isOrganizationTrail", Boolean.TRUE.equals(trail.isOrganizationTrail()));
        facts.put("logFileValidationEnabled", Boolean.TRUE.equals(trail.logFileValidationEnabled()));
        facts.put("isLogging", Boolean.TRUE.equals(status.isLogging()));
        facts.put("s3BucketName", trail.s3BucketName());
        facts.put("kmsKeyId", trail.kmsKeyId());
        facts.put("cloudWatchLogsLogGroupArn", trail.cloudWatchLogsLogGroupArn());
        return facts;
    }
}
