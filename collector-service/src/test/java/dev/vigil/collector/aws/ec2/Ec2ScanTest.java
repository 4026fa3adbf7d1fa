package dev.vigil.collector.aws.ec2;

import dev.vigil.collector.aws.AwsFixtureClients;
import dev.vigil.collector.aws.AwsRegions;
import dev.vigil.collector.aws.FixtureHttpClient;
import dev.vigil.collector.aws.KeptAnswers;
import dev.vigil.collector.aws.SdkCaptureInterceptor;
import dev.vigil.collector.aws.backup.BackupCollector;
import dev.vigil.collector.aws.elb.LoadBalancersCollector;
import dev.vigil.collector.aws.guardduty.GuardDutyCollector;
import dev.vigil.collector.aws.kms.KmsCollector;
import dev.vigil.collector.aws.rds.RdsCollector;
import dev.vigil.collector.spi.AllowListDefinitions;
import dev.vigil.collector.testing.Facts;
import dev.vigil.collector.testing.Fixtures;
import dev.vigil.collector.testing.RecordingContext;
import dev.vigil.common.evidence.Hashing;
import dev.vigil.common.evidence.Redactor;
import dev.vigil.common.evidence.RunFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Recorded EC2 query-protocol responses, unmarshalled by the real SDK, to facts and failures. */
class Ec2ScanTest {
    private static final String PREFIX = "aws:111122223333:ec2:us-east-1:";

    @TempDir
    Path store;

    private FixtureHttpClient everything() {
        return new FixtureHttpClient(getClass())
                .answer("GetEbsEncryptionByDefault@us-east-1", 200, "ebs-default-off.xml")
                .answer("DescribeVolumes@us-east-1", 200, "volumes-page-1.xml")
                .answer("DescribeVolumes@us-east-1#page-2", 200, "volumes-page-2.xml")
                .answer("DescribeSecurityGroups@us-east-1", 200, "security-groups.xml");
    }

    @Test
    void ebsDefaultEncryptionAndEveryVolumeAcrossPages() {
        RecordingContext context = scan(everything());

        assertThat(context.failures).isEmpty();
        assertThat(context.byKey().get(PREFIX + "ebs-default-encryption").facts())
                .isEqualTo(Facts.of("region", "us-east-1", "enabled", false));
        assertThat(context.byKey().get(PREFIX + "volume/vol-0fixture000000001").facts()).isEqualTo(Facts.of(
                "volumeId", "vol-0fixture000000001", "region", "us-east-1", "state", "in-use", "sizeGiB", 100,
                "encrypted", true, "kmsKeyId", "arn:aws:kms:us-east-1:111122223333:key/0fixture-ebs-key",
                "attachedInstances", List.of("i-0fixture00000000a1")));
        RecordingContext.Item unencrypted = context.byKey().get(PREFIX + "volume/vol-0fixture000000002");
        assertThat(unencrypted.facts()).containsEntry("encrypted", false).containsEntry("kmsKeyId", null)
                .containsEntry("state", "available").containsEntry("attachedInstances", List.of());
        // The volume of the second page cites the second page.
        assertThat(unencrypted.provenance().responseSha256()).isEqualTo(
                Hashing.sha256Hex(Redactor.redactBody(Fixtures.bytes(getClass(), "volumes-page-2.xml"))));
        assertThat(unencrypted.provenance().parameters())
                .isEqualTo(Map.of("Region", "us-east-1", "VolumeIds", "vol-0fixture000000002"));
    }

    @Test
    void securityGroupsWithTheirInboundRules() {
        RecordingContext context = scan(everything());

        assertThat(context.byKey().get(PREFIX + "security-group/sg-0fixture0000000001").facts()).isEqualTo(Facts.of(
                "groupId", "sg-0fixture0000000001", "groupName", "bastion", "vpcId", "vpc-0fixture000000001",
                "region", "us-east-1",
                "ingress", List.of(Facts.of("protocol", "tcp", "fromPort", 22, "toPort", 22,
                        "ipv4Ranges", List.of("0.0.0.0/0"), "ipv6Ranges", List.of("::/0"),
                        "sourceGroups", List.of(), "prefixLists", List.of()))));
        assertThat(context.byKey().get(PREFIX + "security-group/sg-0fixture0000000002").facts().get("ingress"))
                .isEqualTo(List.of(Facts.of("protocol", "-1", "fromPort", null, "toPort", null,
                        "ipv4Ranges", List.of(), "ipv6Ranges", List.of(),
                        "sourceGroups", List.of("sg-0fixture0000000002"), "prefixLists", List.of("pl-0fixture00000001"))));
        assertThat(context.byKey().get(PREFIX + "security-group/sg-0fixture0000000001").provenance().operation())
                .isEqualTo("ec2:DescribeSecurityGroups");
    }

    @Test
    void deniedAndThrottledCallsAreFailuresOnlyADenialNamesAPermission() {
        FixtureHttpClient http = new FixtureHttpClient(getClass())
                .answer("GetEbsEncryptionByDefault@us-east-1", 200, "ebs-default-off.xml")
                .answer("DescribeVolumes@us-east-1", 503, "error-throttled.xml")
                .answer("DescribeSecurityGroups@us-east-1", 403, "error-unauthorized.xml");
        RecordingContext context = scan(http);

        assertThat(context.failures).containsExactly(
                new RunFailure("aws.ec2.volume", null, "cannot list volumes in us-east-1: HTTP 503 RequestLimitExceeded",
                        null),
                new RunFailure("aws.ec2.security-group", null,
                        "cannot list security groups in us-east-1: HTTP 403 UnauthorizedOperation",
                        "ec2:DescribeSecurityGroups"));
        assertThat(context.evidence).extracting(RecordingContext.Item::resourceType)
                .containsExactly("aws.ec2.ebs-default-encryption");
    }

    @Test
    void theSdkRetriesThrottlingWithBackoff() {
        FixtureHttpClient http = new FixtureHttpClient(getClass())
                .answer("GetEbsEncryptionByDefault@us-east-1", 503, "error-throttled.xml")
                .answer("GetEbsEncryptionByDefault@us-east-1", 200, "ebs-default-off.xml")
                .answer("DescribeVolumes@us-east-1", 200, "volumes-page-2.xml")
                .answer("DescribeSecurityGroups@us-east-1", 200, "security-groups.xml");
        RecordingContext context = new RecordingContext(store);
        try (Ec2Client ec2 = Ec2Client.builder().httpClient(http).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("fixture", "fixture")))
                .endpointOverride(URI.create("https://aws.fixture.test"))
                .overrideConfiguration(o -> o.addExecutionInterceptor(new SdkCaptureInterceptor(context.raw(), "us-east-1"))
                        .retryStrategy(r -> r.maxAttempts(3)))
                .build()) {
            new Ec2Scan(ec2, "111122223333", "us-east-1").run(context);
        }
        assertThat(context.failures).isEmpty();
        assertThat(http.requested).startsWith("GetEbsEncryptionByDefault@us-east-1", "GetEbsEncryptionByDefault@us-east-1");
        assertThat(context.byKey().get(PREFIX + "ebs-default-encryption").facts()).containsEntry("enabled", false);
    }

    @Test
    void regionsAreTheConfiguredListOrEveryEnabledRegion() {
        RecordingContext context = new RecordingContext(store);
        FixtureHttpClient http = new FixtureHttpClient(getClass())
                .answer("DescribeRegions@us-east-1", 200, "describe-regions.xml");
        List<String> types = List.of("aws.ec2.volume");

        assertThat(AwsRegions.resolve(Optional.empty(), "eu-central-1", () -> null, context, types))
                .contains(List.of("eu-central-1"));
        assertThat(AwsRegions.resolve(Optional.of(List.of("eu-west-1", " us-east-1")), "us-east-1", () -> null,
                context, types)).contains(List.of("eu-west-1", "us-east-1"));
        assertThat(AwsRegions.resolve(Optional.of(List.of("all")), "us-east-1",
                () -> AwsFixtureClients.client(Ec2Client.builder(), http, Region.US_EAST_1, context), context, types))
                .contains(List.of("eu-west-1", "us-east-1"));
        assertThat(context.failures).isEmpty();

        FixtureHttpClient denied = new FixtureHttpClient(getClass())
                .answer("DescribeRegions@us-east-1", 403, "error-unauthorized.xml");
        assertThat(AwsRegions.resolve(Optional.of(List.of("all")), "us-east-1",
                () -> AwsFixtureClients.client(Ec2Client.builder(), denied, Region.US_EAST_1, context), context, types))
                .isEmpty();
        assertThat(context.failures).singleElement().satisfies(f -> {
            assertThat(f.resourceType()).isEqualTo("aws.ec2.volume");
            assertThat(f.missingPermission()).isEqualTo("ec2:DescribeRegions");
        });
    }

    @Test
    void theAnswersAsTheEvidenceStoreKeepsThemGiveTheSameFactsAndFailures() {
        KeptAnswers kept = KeptAnswers.assertSameFacts(AllowListDefinitions.of(Ec2Collector.class), "us-east-1",
                this::everything, this::scan);
        assertThat(kept.kinds).containsExactly("EBS encryption by default", "volumes", "volumes", "security groups");
        KeptAnswers.assertSameFacts(AllowListDefinitions.of(Ec2Collector.class), "us-east-1",
                () -> new FixtureHttpClient(getClass())
                        .answer("GetEbsEncryptionByDefault@us-east-1", 200, "ebs-default-off.xml")
                        .answer("DescribeVolumes@us-east-1", 503, "error-throttled.xml")
                        .answer("DescribeSecurityGroups@us-east-1", 403, "error-unauthorized.xml"), this::scan);
    }

    @Test
    void everyRegionalCollectorKeepsTheEnabledRegionsItReads() {
        List<String> types = List.of("aws.ec2.volume");
        for (Class<?> collector : List.of(Ec2Collector.class, BackupCollector.class, GuardDutyCollector.class,
                KmsCollector.class, RdsCollector.class, LoadBalancersCollector.class)) {
            for (String fixture : List.of("describe-regions.xml", "error-unauthorized.xml")) {
                int status = fixture.startsWith("error") ? 403 : 200;
                RecordingContext sent = new RecordingContext(store);
                RecordingContext fromKept = new RecordingContext(store);
                KeptAnswers kept = new KeptAnswers(AllowListDefinitions.of(collector), "us-east-1");
                FixtureHttpClient asSent = new FixtureHttpClient(getClass())
                        .answer("DescribeRegions@us-east-1", status, fixture);
                FixtureHttpClient asKept = new FixtureHttpClient(getClass())
                        .answer("DescribeRegions@us-east-1", status, fixture);
                var regions = AwsRegions.resolve(Optional.of(List.of("all")), "us-east-1",
                        () -> AwsFixtureClients.client(Ec2Client.builder(), asSent, Region.US_EAST_1, sent), sent,
                        types);
                assertThat(AwsRegions.resolve(Optional.of(List.of("all")), "us-east-1",
                        () -> AwsFixtureClients.client(Ec2Client.builder(), asKept, Region.US_EAST_1, fromKept, kept),
                        fromKept, types)).as(collector.getSimpleName() + " " + fixture).isEqualTo(regions);
                assertThat(fromKept.failures).as(collector.getSimpleName() + " " + fixture).isEqualTo(sent.failures);
                assertThat(kept.kinds).as(collector.getSimpleName()).hasSize(1)
                        .allMatch(kind -> kind.startsWith("enabled regions"));
                assertThat(regions.orElse(List.of()).size() + sent.failures.size()).isPositive();
            }
        }
    }

    @Test
    void aSecurityGroupTargetPublishesThatGroupWithTheFactsOfAFullRun() {
        RecordingContext full = scan(everything());
        FixtureHttpClient http = new FixtureHttpClient(getClass())
                .answer("DescribeSecurityGroups@us-east-1", 200, "security-group-1.xml");
        RecordingContext targeted = group(http, "sg-0fixture0000000001");

        String key = PREFIX + "security-group/sg-0fixture0000000001";
        assertThat(targeted.failures).isEmpty();
        assertThat(targeted.byKey()).containsOnlyKeys(key);
        assertThat(targeted.byKey().get(key).facts()).isEqualTo(full.byKey().get(key).facts());
        assertThat(targeted.byKey().get(key).provenance().parameters())
                .isEqualTo(full.byKey().get(key).provenance().parameters());
        // the group alone: neither the region's volumes nor its EBS default
        assertThat(http.requested).containsExactly("DescribeSecurityGroups@us-east-1");
    }

    @Test
    void aSecurityGroupEc2NoLongerKnowsPublishesNothingAndIsNoFailure() {
        RecordingContext targeted = group(new FixtureHttpClient(getClass())
                .answer("DescribeSecurityGroups@us-east-1", 400, "error-group-not-found.xml"), "sg-0fixture00000000ff");
        assertThat(targeted.byKey()).isEmpty();
        assertThat(targeted.failures).isEmpty();
    }

    @Test
    void aDeniedSecurityGroupReadIsAFailureNamingIt() {
        RecordingContext targeted = group(new FixtureHttpClient(getClass())
                .answer("DescribeSecurityGroups@us-east-1", 403, "error-unauthorized.xml"), "sg-0fixture0000000001");
        assertThat(targeted.failures).singleElement().satisfies(f -> {
            assertThat(f.resourceKey()).isEqualTo(PREFIX + "security-group/sg-0fixture0000000001");
            assertThat(f.missingPermission()).isEqualTo("ec2:DescribeSecurityGroups");
        });
    }

    private RecordingContext group(FixtureHttpClient http, String groupId) {
        RecordingContext context = new RecordingContext(store);
        try (Ec2Client ec2 = AwsFixtureClients.client(Ec2Client.builder(), http, Region.US_EAST_1, context, null)) {
            new Ec2Scan(ec2, "111122223333", "us-east-1").securityGroup(context, groupId);
        }
        return context;
    }

    private RecordingContext scan(FixtureHttpClient http) {
        return scan(http, null);
    }

    private RecordingContext scan(FixtureHttpClient http, KeptAnswers kept) {
        RecordingContext context = new RecordingContext(store);
        try (Ec2Client ec2 = AwsFixtureClients.client(Ec2Client.builder(), http, Region.US_EAST_1, context, kept)) {
            new Ec2Scan(ec2, "111122223333", "us-east-1").run(context);
        }
        return context;
    }
}
