package dev.vigil.collector.aws.cloudtrail;

import dev.vigil.collector.aws.AwsFixtureClients;
import dev.vigil.collector.aws.FixtureHttpClient;
import dev.vigil.collector.aws.KeptAnswers;
import dev.vigil.collector.spi.AllowListDefinitions;
import dev.vigil.collector.testing.Facts;
import dev.vigil.collector.testing.Fixtures;
import dev.vigil.collector.testing.RecordingContext;
import dev.vigil.common.evidence.Hashing;
import dev.vigil.common.evidence.Redactor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** Recorded CloudTrail JSON responses, unmarshalled by the real SDK, to one account-level item or a failure. */
class CloudTrailScanTest {
    private static final String KEY = "aws:111122223333:cloudtrail";
    private static final String ARN = "arn:aws:cloudtrail:%s:111122223333:trail/%s";

    @TempDir
    Path store;

    private FixtureHttpClient trails() {
        return new FixtureHttpClient(getClass())
                .answer("DescribeTrails@us-east-1", 200, "describe-trails.json")
                .answer("GetTrailStatus@us-east-1/" + ARN.formatted("us-east-1", "acme-org-trail"), 200,
                        "trail-status-logging.json")
                .answer("GetTrailStatus@us-east-1/" + ARN.formatted("eu-west-1", "acme-eu-trail"), 200,
                        "trail-status-logging.json")
                .answer("GetTrailStatus@us-east-1/" + ARN.formatted("us-east-1", "acme-dev-trail"), 200,
                        "trail-status-stopped.json");
    }

    @Test
    void listsEveryTrailWithItsLoggingState() {
        FixtureHttpClient http = trails();
        RecordingContext context = scan(http);

        assertThat(context.failures).isEmpty();
        RecordingContext.Item account = context.byKey().get(KEY);
        assertThat(account.resourceType()).isEqualTo("aws.cloudtrail.account");
        assertThat(account.facts()).isEqualTo(Facts.of("homeRegion", "us-east-1", "trails", List.of(
                trail("acme-dev-trail", "us-east-1", false, false, false, false, "acme-dev-logs", null, null),
                // a multi-region organisation trail created in eu-west-1: listed from us-east-1 as a shadow trail
                trail("acme-eu-trail", "eu-west-1", true, true, false, true, "acme-eu-logs", null, null),
                trail("acme-org-trail", "us-east-1", true, false, true, true, "acme-cloudtrail-logs",
                        "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                        "arn:aws:logs:us-east-1:111122223333:log-group:acme-cloudtrail:*"))));
        assertThat(account.provenance().operation()).isEqualTo("cloudtrail:DescribeTrails");
        assertThat(account.provenance().parameters())
                .isEqualTo(Map.of("Region", "us-east-1", "includeShadowTrails", "true"));
        assertThat(account.provenance().responseSha256()).isEqualTo(Hashing.sha256Hex(
                Redactor.redactBody(Fixtures.bytes(getClass(), "describe-trails.json"))));
        // whether each trail logs is read from its own status answer, cited beside the listing
        String logging = Hashing.sha256Hex(
                Redactor.redactBody(Fixtures.bytes(getClass(), "trail-status-logging.json")));
        String stopped = Hashing.sha256Hex(
                Redactor.redactBody(Fixtures.bytes(getClass(), "trail-status-stopped.json")));
        assertThat(account.provenance().supporting())
                .extracting(c -> c.operation(), c -> c.parameters().get("Name"), c -> c.responseSha256())
                .containsExactly(
                        tuple("cloudtrail:GetTrailStatus", ARN.formatted("us-east-1", "acme-dev-trail"), stopped),
                        tuple("cloudtrail:GetTrailStatus", ARN.formatted("eu-west-1", "acme-eu-trail"), logging),
                        tuple("cloudtrail:GetTrailStatus", ARN.formatted("us-east-1", "acme-org-trail"), logging));
        assertThat(account.provenance().supporting()).allSatisfy(c -> assertThat(c.parameters())
                .containsEntry("Region", "us-east-1"));
        // the status of each trail is asked by ARN, which shadow trails need
        assertThat(http.requested).hasSize(4);
    }

    @Test
    void anAccountWithoutTrailsIsAFactNotAMissingResource() {
        RecordingContext context = scan(new FixtureHttpClient(getClass())
                .answer("DescribeTrails@us-east-1", 200, "describe-trails-none.json"));

        assertThat(context.failures).isEmpty();
        assertThat(context.byKey().get(KEY).facts()).isEqualTo(Facts.of("homeRegion", "us-east-1",
                "trails", List.of()));
    }

    @Test
    void deniedListingIsAFailureNamingTheAction() {
        RecordingContext context = scan(new FixtureHttpClient(getClass())
                .answer("DescribeTrails@us-east-1", 400, "error-access-denied.json"));

        assertThat(context.evidence).isEmpty();
        assertThat(context.failures).singleElement().satisfies(f -> {
            assertThat(f.resourceType()).isEqualTo("aws.cloudtrail.account");
            assertThat(f.resourceKey()).isEqualTo(KEY);
            assertThat(f.missingPermission()).isEqualTo("cloudtrail:DescribeTrails");
            assertThat(f.reason()).isEqualTo(
                    "cannot list CloudTrail trails in us-east-1: HTTP 400 AccessDeniedException");
        });
    }

    @Test
    void anUnreadableTrailStatusPublishesNothingRatherThanAnIncompleteList() {
        RecordingContext context = scan(new FixtureHttpClient(getClass())
                .answer("DescribeTrails@us-east-1", 200, "describe-trails.json")
                .answer("GetTrailStatus@us-east-1/" + ARN.formatted("us-east-1", "acme-dev-trail"), 400,
                        "error-status-denied.json"));

        assertThat(context.evidence).isEmpty();
        assertThat(context.failures).singleElement().satisfies(f -> {
            assertThat(f.resourceKey()).isEqualTo(KEY);
            assertThat(f.missingPermission()).isEqualTo("cloudtrail:GetTrailStatus");
            assertThat(f.reason()).startsWith("cannot read the status of CloudTrail trail acme-dev-trail: HTTP 400");
        });
    }

    private static Map<String, Object> trail(String name, String homeRegion, boolean multiRegion, boolean organization,
                                             boolean validation, boolean logging, String bucket, String kmsKeyId,
                                             String logGroupArn) {
        return Facts.of("name", name, "arn", ARN.formatted(homeRegion, name), "homeRegion", homeRegion,
                "isMultiRegionTrail", multiRegion, "isOrganizationTrail", organization,
                "logFileValidationEnabled", validation, "isLogging", logging, "s3BucketName", bucket,
                "kmsKeyId", kmsKeyId, "cloudWatchLogsLogGroupArn", logGroupArn);
    }

    @Test
    void theAnswersAsTheEvidenceStoreKeepsThemGiveTheSameFactsAndFailures() {
        KeptAnswers kept = KeptAnswers.assertSameFacts(AllowListDefinitions.of(CloudTrailCollector.class), "us-east-1",
                this::trails, this::scan);
        assertThat(kept.kinds).containsExactly("trails", "trail status", "trail status", "trail status");
        KeptAnswers.assertSameFacts(AllowListDefinitions.of(CloudTrailCollector.class), "us-east-1",
                () -> new FixtureHttpClient(getClass())
                        .answer("DescribeTrails@us-east-1", 400, "error-access-denied.json"),
                this::scan);
        KeptAnswers.assertSameFacts(AllowListDefinitions.of(CloudTrailCollector.class), "us-east-1",
                () -> new FixtureHttpClient(getClass())
                        .answer("DescribeTrails@us-east-1", 200, "describe-trails.json")
                        .answer("GetTrailStatus@us-east-1/" + ARN.formatted("us-east-1", "acme-dev-trail"), 400,
                                "error-status-denied.json"), this::scan);
    }

    private RecordingContext scan(FixtureHttpClient http) {
        return scan(http, null);
    }

    private RecordingContext scan(FixtureHttpClient http, KeptAnswers kept) {
        RecordingContext context = new RecordingContext(store);
        try (CloudTrailClient cloudTrail = AwsFixtureClients.client(CloudTrailClient.builder(), http,
                Region.US_EAST_1, context, kept)) {
            new CloudTrailScan(cloudTrail, "111122223333", "us-east-1").run(context);
        }
        return context;
    }
}
