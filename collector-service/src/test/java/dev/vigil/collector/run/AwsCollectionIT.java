package dev.vigil.collector.run;

import dev.vigil.access.testing.TestCallers;
import dev.vigil.collector.aws.guardduty.GuardDutyCollector;
import dev.vigil.collector.aws.s3.S3Collector;
import dev.vigil.collector.events.TargetedCollections;
import dev.vigil.collector.spi.Target;
import dev.vigil.common.evidence.Trigger;
import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.permissions.PermissionManifests;
import dev.vigil.collector.testing.Facts;
import dev.vigil.collector.testing.SandboxResource;
import dev.vigil.collector.testing.TopicReader;
import dev.vigil.common.evidence.CollectionRunEvent;
import dev.vigil.common.evidence.EvidenceEvent;
import dev.vigil.common.evidence.RunState;
import dev.vigil.common.store.EvidenceStore;
import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.PostgresTestResource;
import dev.vigil.stack.testing.TestServers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;

/**
 * The AWS collectors (all but S3's) read the sandbox account through the real SDK
 * clients (query protocol, REST-JSON and JSON, every enabled region, pages) and publish its ground truth (docs/sandbox.md) through a real Kafka broker.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(SandboxResource.class)
class AwsCollectionIT {
    @BeforeAll
    static void callAsService() {
        TestCallers.callAsService();
    }

    /**
     * Every AWS collector the build finds but aws-s3 (CollectionIT checks its facts; AwsPermissionDeniedIT adds it):
     * a new one runs here against the sandbox without anyone adding it to a list.
     */
    static final List<String> COLLECTORS = PermissionManifests.collectors().stream().map(d -> d.info())
            .filter(info -> info.provider().equals("aws") && !info.name().equals(S3Collector.NAME))
            .map(info -> info.name()).toList();
    private static final String ACCOUNT = "aws:111122223333:";

    @Inject
    VigilConfig config;

    @Inject
    EvidenceStore store;

    @Inject
    TargetedCollections targeted;

    @Test
    void collectsTheSandboxAccount() throws InterruptedException {
        TopicReader.Output out = collect(config, COLLECTORS);
        Map<String, CollectionRunEvent> ends = ends(out);
        assertThat(ends.keySet()).as("AWS collectors that ran").containsExactlyInAnyOrderElementsOf(COLLECTORS);
        assertThat(ends.values()).allSatisfy(end -> {
            assertThat(end.state()).isEqualTo(RunState.COMPLETED);
            assertThat(end.failures()).isEmpty();
            assertThat(end.source().uri()).isEqualTo("vigil://aws/111122223333");
        });
        assertThat(ends.get("aws-iam").counts()).isEqualTo(Map.of("aws.iam.user", 3L, "aws.iam.root", 1L,
                "aws.iam.password-policy", 1L, "aws.iam.admin-principal", 2L));
        assertThat(ends.get("aws-ec2").counts()).isEqualTo(Map.of("aws.ec2.ebs-default-encryption", 2L,
                "aws.ec2.volume", 2L, "aws.ec2.security-group", 4L));
        assertThat(ends.get("aws-rds").counts()).isEqualTo(Map.of("aws.rds.instance", 2L));
        assertThat(ends.get("aws-guardduty").counts()).isEqualTo(Map.of("aws.guardduty.region", 2L,
                "aws.guardduty.finding-routing", 2L));
        assertThat(ends.get("aws-cloudtrail").counts()).isEqualTo(Map.of("aws.cloudtrail.account", 1L,
                "aws.cloudtrail.metric-alarms", 1L));
        assertThat(ends.get("aws-kms").counts()).isEqualTo(Map.of("aws.kms.key", 2L));
        assertThat(ends.get("aws-backup").counts()).isEqualTo(Map.of("aws.backup.region", 2L,
                "aws.backup.vault", 1L, "aws.backup.vault-access-policy", 1L, "aws.backup.protected-resource", 3L));
        assertThat(ends.get("aws-load-balancers").counts()).isEqualTo(Map.of("aws.elb.listener", 4L,
                "aws.acm.certificate", 3L));
        assertThat(ends.get("aws-identity-center").counts()).isEqualTo(Map.of("aws.identitycenter.user", 3L));
        assertThat(out.evidence()).as("evidence items, against their runs' counts")
                .hasSize(CollectionIT.counted(ends.values())).allSatisfy(r -> {
            assertThat(r.key()).isEqualTo(r.event().resourceKey());
            assertThat(store.contains(r.event().provenance().responseSha256())).isTrue();
        });
        Map<String, EvidenceEvent> byKey = out.evidence().stream().map(TopicReader.Received::event)
                .collect(Collectors.toMap(EvidenceEvent::resourceKey, Function.identity()));

        // the sandbox's EventBridge, through the real SDK: us-east-1 routes GuardDuty findings to SNS, eu-west-1 not
        assertThat(byKey.get(ACCOUNT + "guardduty-finding-routing:us-east-1").facts().get("rules").toString())
                .contains("guardduty-findings-to-security", "arn:aws:sns:us-east-1:111122223333:security-oncall")
                .doesNotContain("vigil-cloudtrail-events");
        assertThat(byKey.get(ACCOUNT + "guardduty-finding-routing:eu-west-1").facts().get("rules"))
                .isEqualTo(List.of());
        assertThat(byKey.get(ACCOUNT + "iam:root").facts()).isEqualTo(Facts.of("arn", "arn:aws:iam::111122223333:root",
                "passwordLastUsed", "2026-08-14T09:12:00+00:00", "mfaActive", true, "accessKeys", List.of()));
        assertThat(byKey.get(ACCOUNT + "iam:user/bob.ops").facts()).containsEntry("consoleAccess", true)
                .containsEntry("mfaActive", false)
                .containsEntry("emailTag", "bob@acme-demo.example").containsEntry("tagsRead", true);
        assertThat(byKey.get(ACCOUNT + "iam:user/bob.ops").provenance().supporting())
                .extracting(c -> c.operation()).contains("iam:ListUserTags");
        assertThat(byKey.get(ACCOUNT + "iam:user/ci-deploy").facts()).containsEntry("consoleAccess", false)
                .containsEntry("emailTag", null)
                .containsEntry("accessKeys", List.of(Facts.of("slot", 1, "active", true,
                        "lastRotated", "2026-08-01T11:00:00+00:00", "lastUsed", "2026-11-22T23:10:00+00:00")));
        assertThat(byKey.get(ACCOUNT + "iam:password-policy").facts()).containsEntry("configured", true)
                .containsEntry("minimumLength", 8).containsEntry("reuseHistory", null);
        assertThat(byKey).containsKeys(ACCOUNT + "iam:group/Administrators:AdministratorAccess",
                ACCOUNT + "iam:role/OrganizationAccountAccessRole:AdministratorAccess");
        assertThat(byKey.get(ACCOUNT + "iam:root").provenance().operation()).isEqualTo("iam:GetCredentialReport");

        // Identity Center: dave, who left in Okta, still reaches account 444455556666 read-only, directly
        assertThat(byKey.get(ACCOUNT + "identitycenter:d-9067a1b2c3:user/9067a1b2c3-da7e0000-0000-4000-8000-000000000004")
                .facts()).containsEntry("email", "dave@acme-demo.example").containsEntry("active", true)
                .containsEntry("accountAssignments", List.of(Facts.of("accountId", "444455556666",
                        "permissionSet", "ReadOnlyAccess", "via", "user")));

        // Two regions from DescribeRegions; us-east-1's volumes come in two pages.
        assertThat(byKey.get(ACCOUNT + "ec2:eu-west-1:ebs-default-encryption").facts())
                .isEqualTo(Facts.of("region", "eu-west-1", "enabled", true));
        assertThat(byKey).containsKeys(ACCOUNT + "ec2:us-east-1:volume/vol-0a11ce5a0d0000001",
                ACCOUNT + "ec2:us-east-1:volume/vol-0a11ce5a0d0000002");
        assertThat(byKey.get(ACCOUNT + "ec2:us-east-1:volume/vol-0a11ce5a0d0000002").facts())
                .containsEntry("encrypted", true).containsEntry("attachedInstances", List.of("i-0a11ce5a0d00000b2"));
        assertThat(byKey.get(ACCOUNT + "ec2:us-east-1:security-group/sg-0a11ce5a0d0000002").facts().get("ingress"))
                .isEqualTo(List.of(Facts.of("protocol", "tcp", "fromPort", 22, "toPort", 22,
                        "ipv4Ranges", List.of("0.0.0.0/0"), "ipv6Ranges", List.of(), "sourceGroups", List.of(),
                        "prefixLists", List.of())));
        assertThat(byKey).containsKey(ACCOUNT + "ec2:eu-west-1:security-group/sg-0e0e5a0d00000001");

        assertThat(byKey.get(ACCOUNT + "rds:us-east-1:db/acme-prod-db").facts()).isEqualTo(Facts.of(
                "identifier", "acme-prod-db", "arn", "arn:aws:rds:us-east-1:111122223333:db:acme-prod-db",
                "region", "us-east-1", "engine", "postgres", "status", "available", "storageEncrypted", true,
                "kmsKeyId", "arn:aws:kms:us-east-1:111122223333:key/7c2d9e4f-rds0-4a1b-8c3d-0sandboxrds1",
                "backupRetentionDays", 7, "deletionProtection", true, "publiclyAccessible", false, "multiAz", true,
                "clusterIdentifier", null));
        assertThat(byKey.get(ACCOUNT + "rds:us-east-1:db/acme-analytics-db").facts())
                .containsEntry("publiclyAccessible", true).containsEntry("backupRetentionDays", 1);

        // GuardDuty (REST-JSON): a detector in us-east-1, none in eu-west-1 (a fact, not a failure).
        assertThat(byKey.get(ACCOUNT + "guardduty:us-east-1").facts()).isEqualTo(Facts.of("region", "us-east-1",
                "detectorId", "c2b6a0d4sandbox0guardduty000001", "status", "ENABLED",
                "findingPublishingFrequency", "FIFTEEN_MINUTES"));
        assertThat(byKey.get(ACCOUNT + "guardduty:eu-west-1").facts()).isEqualTo(Facts.of("region", "eu-west-1",
                "detectorId", null, "status", null, "findingPublishingFrequency", null));

        // CloudTrail (JSON protocol), from the home region: one account-level item listing the trails.
        assertThat(byKey.get(ACCOUNT + "cloudtrail").facts()).isEqualTo(Facts.of("homeRegion", "us-east-1",
                "trails", List.of(Facts.of("name", "acme-org-trail",
                        "arn", "arn:aws:cloudtrail:us-east-1:111122223333:trail/acme-org-trail",
                        "homeRegion", "us-east-1", "isMultiRegionTrail", true, "isOrganizationTrail", false,
                        "logFileValidationEnabled", true, "isLogging", true, "s3BucketName", "acme-cloudtrail-logs",
                        "kmsKeyId", "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                        "cloudWatchLogsLogGroupArn",
                        "arn:aws:logs:us-east-1:111122223333:log-group:acme-cloudtrail:*"))));
        assertThat(byKey.get(ACCOUNT + "cloudtrail").provenance().operation()).isEqualTo("cloudtrail:DescribeTrails");
        // the alarms on its events: CloudWatch Logs (JSON) and CloudWatch (query protocol), two pages each
        EvidenceEvent alarms = byKey.get(ACCOUNT + "cloudtrail-metric-alarms");
        @SuppressWarnings("unchecked")
        Map<String, Object> orgTrail = ((List<Map<String, Object>>) alarms.facts().get("trails")).get(0);
        assertThat(orgTrail).containsEntry("name", "acme-org-trail").containsEntry("logGroup", "acme-cloudtrail");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> filters = (List<Map<String, Object>>) orgTrail.get("filters");
        assertThat(filters).extracting(f -> f.get("catches")).containsExactly(List.of("unauthorized-api-calls"),
                List.of("console-authentication-failures"), List.of("iam-policy-changes"),
                List.of("cloudtrail-configuration-changes"), List.of("security-group-changes"),
                List.of("nacl-changes"), List.of("network-gateway-changes"), List.of("vpc-changes"));
        assertThat(filters.get(0).get("alarms")).isEqualTo(List.of(Facts.of("name", "unauthorized-api-calls",
                "actionsEnabled", true, "alarmActions", List.of("arn:aws:sns:us-east-1:111122223333:security-oncall"),
                "state", "OK")));
        assertThat(filters.get(7).get("alarms")).isEqualTo(List.of());
        assertThat(alarms.provenance().supporting()).extracting(c -> c.operation()).containsExactly(
                "logs:DescribeMetricFilters", "logs:DescribeMetricFilters", "cloudwatch:DescribeAlarms",
                "cloudwatch:DescribeAlarms");

        // KMS (JSON protocol): us-east-1's keys in two pages; the AWS-managed key is left out; eu-west-1 has none.
        assertThat(byKey.get(ACCOUNT + "kms:us-east-1:key/1234abcd-12ab-34cd-56ef-1234567890ab").facts())
                .isEqualTo(Facts.of("keyId", "1234abcd-12ab-34cd-56ef-1234567890ab",
                        "arn", "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                        "region", "us-east-1", "description", "acme-customer-data bucket key",
                        "rotationEnabled", true));
        assertThat(byKey.get(ACCOUNT + "kms:us-east-1:key/5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b").facts())
                .containsEntry("description", "acme-legacy-key").containsEntry("rotationEnabled", false);
        assertThat(byKey.get(ACCOUNT + "kms:us-east-1:key/5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b").provenance()
                .operation()).isEqualTo("kms:GetKeyRotationStatus");

        // AWS Backup (REST-JSON): us-east-1's plan, vault and protected resources; eu-west-1 has no plan.
        assertThat(byKey.get(ACCOUNT + "backup:eu-west-1").facts())
                .isEqualTo(Facts.of("region", "eu-west-1", "plans", List.of()));
        assertThat(byKey.get(ACCOUNT + "backup:us-east-1").facts()).extracting(f -> f.get("plans")).asList()
                .singleElement().satisfies(plan -> assertThat(((Map<?, ?>) plan).get("name"))
                        .isEqualTo("acme-daily-backups"));
        assertThat(byKey.get(ACCOUNT + "backup:us-east-1:vault/acme-backup-vault").facts()).isEqualTo(Facts.of(
                "name", "acme-backup-vault", "arn", "arn:aws:backup:us-east-1:111122223333:backup-vault:acme-backup-vault",
                "region", "us-east-1",
                "encryptionKeyArn", "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                "locked", false, "recoveryPoints", 66));
        // its access policy denies everyone but the break-glass role deleting backups; the workloads account copies in
        var policy = byKey.get(ACCOUNT + "backup:us-east-1:vault-access-policy/acme-backup-vault");
        assertThat(policy.facts()).containsEntry("accessPolicy", true).containsEntry("locked", false)
                .containsEntry("deletionDeniedToEveryone", true)
                .containsEntry("deletionDenialExemptions", List.of("arn:aws:iam::111122223333:role/BackupBreakGlass"))
                .containsEntry("externalDeletionGrants", List.of());
        assertThat(policy.provenance().operation()).isEqualTo("backup:GetBackupVaultAccessPolicy");
        String analytics = ACCOUNT + "backup:us-east-1:resource/arn:aws:rds:us-east-1:111122223333:db:acme-analytics-db";
        Map<String, Object> db = byKey.get(analytics).facts();
        // the sandbox dates its backups relative to now: 29 hours ago, and a job that failed 4 hours ago
        Instant observed = Instant.parse((String) db.get("observedAt"));
        assertThat(Duration.between(Instant.parse((String) db.get("lastBackupAt")), observed))
                .isBetween(Duration.ofHours(29).minusMinutes(5), Duration.ofHours(29).plusMinutes(5));
        assertThat(db).containsEntry("resourceType", "RDS").containsEntry("resourceName", "acme-analytics-db");
        assertThat((List<?>) db.get("failedJobs")).singleElement().satisfies(job -> {
            assertThat(((Map<?, ?>) job).get("jobId")).isEqualTo("c8a7b1d2-3e4f-4a6b-8c8d-9e0f1a2b3c4d");
            assertThat(((Map<?, ?>) job).get("statusMessage")).isEqualTo("Unable to create a snapshot of DB instance "
                    + "acme-analytics-db: the instance is in the storage-full state.");
        });
        assertThat(byKey.get(analytics).provenance().operation()).isEqualTo("backup:ListProtectedResources");
        assertThat(byKey.get(ACCOUNT + "backup:us-east-1:resource/arn:aws:rds:us-east-1:111122223333:db:acme-prod-db")
                .facts()).containsEntry("failedJobs", List.of());

        // Load balancers (query protocol) and ACM certificates (JSON), us-east-1 only.
        assertThat(byKey.get(ACCOUNT + "elbv2:us-east-1:listener/acme-partner-nlb/8443").facts()).isEqualTo(Facts.of(
                "loadBalancerName", "acme-partner-nlb", "loadBalancerArn",
                "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/net/acme-partner-nlb/6a2e3d4c5b6a7988",
                "loadBalancerType", "network", "scheme", "internet-facing", "region", "us-east-1",
                "listenerArn", "arn:aws:elasticloadbalancing:us-east-1:111122223333:listener/net/acme-partner-nlb/"
                        + "6a2e3d4c5b6a7988/4b5c6d7e8f9a0b1c", "port", 8443, "protocol", "TLS",
                "sslPolicy", "ELBSecurityPolicy-2016-08", "sslProtocols", List.of("TLSv1", "TLSv1.1", "TLSv1.2"),
                "certificateArns", List.of("arn:aws:acm:us-east-1:111122223333:certificate/"
                        + "4a3b2c1d-0e9f-4d8c-9b7a-6f5e4d3c2b1a"), "redirectsToHttps", false));
        assertThat(byKey.get(ACCOUNT + "elbv2:us-east-1:listener/acme-web-alb/80").facts())
                .containsEntry("redirectsToHttps", true);
        assertThat(byKey.get(ACCOUNT + "elbv2:us-east-1:listener/acme-web-alb/443").facts())
                .containsEntry("sslProtocols", List.of("TLSv1.2", "TLSv1.3"));
        assertThat(byKey.get(ACCOUNT + "elbv2:us-east-1:listener/acme-internal-alb/80").facts())
                .containsEntry("scheme", "internal").containsEntry("redirectsToHttps", false);
        Map<String, Object> partner = byKey.get(ACCOUNT
                + "acm:us-east-1:certificate/4a3b2c1d-0e9f-4d8c-9b7a-6f5e4d3c2b1a").facts();
        assertThat(partner).containsEntry("domainName", "partner.acme-demo.example").containsEntry("type", "IMPORTED")
                .containsEntry("inUse", true);
        // the sandbox dates the certificate relative to now: it expires in 12 days
        assertThat(Duration.between(Instant.parse((String) partner.get("observedAt")),
                Instant.parse((String) partner.get("notAfter")))).isBetween(Duration.ofDays(12).minusMinutes(5),
                Duration.ofDays(12).plusMinutes(5));
    }

    @Test
    void declaresReadOnlyPermissions() {
        given().get("/api/collectors").then().statusCode(200)
                .body("find { it.name == 'aws-iam' }.permissions", contains("iam:GenerateCredentialReport",
                        "iam:GetCredentialReport", "iam:GetAccountPasswordPolicy", "iam:ListEntitiesForPolicy",
                        "iam:ListUserTags", "iam:GetUser", "iam:GetLoginProfile", "iam:ListMFADevices",
                        "iam:ListAccessKeys", "iam:GetAccessKeyLastUsed")) // the last five: one user read again
                .body("find { it.name == 'aws-identity-center' }.permissions", contains("sso:ListInstances",
                        "identitystore:ListUsers", "identitystore:ListGroups", "identitystore:ListGroupMemberships",
                        "sso:ListAccountAssignmentsForPrincipal", "sso:DescribePermissionSet"))
                .body("find { it.name == 'aws-ec2' }.permissions", contains("ec2:DescribeRegions",
                        "ec2:GetEbsEncryptionByDefault", "ec2:DescribeVolumes", "ec2:DescribeSecurityGroups"))
                .body("find { it.name == 'aws-rds' }.permissions",
                        contains("ec2:DescribeRegions", "rds:DescribeDBInstances"))
                .body("find { it.name == 'aws-guardduty' }.permissions",
                        contains("ec2:DescribeRegions", "guardduty:ListDetectors", "guardduty:GetDetector",
                                "events:ListRules", "events:ListTargetsByRule"))
                .body("find { it.name == 'aws-cloudtrail' }.permissions",
                        contains("cloudtrail:DescribeTrails", "cloudtrail:GetTrailStatus",
                                "logs:DescribeMetricFilters", "cloudwatch:DescribeAlarms"))
                .body("find { it.name == 'aws-kms' }.permissions", contains("ec2:DescribeRegions", "kms:ListKeys",
                        "kms:DescribeKey", "kms:GetKeyRotationStatus"))
                .body("find { it.name == 'aws-backup' }.permissions", contains("ec2:DescribeRegions",
                        "backup:ListBackupPlans", "backup:ListBackupVaults", "backup:GetBackupVaultAccessPolicy",
                        "backup:ListProtectedResources", "backup:ListBackupJobs"))
                .body("find { it.name == 'aws-load-balancers' }.permissions", contains("ec2:DescribeRegions",
                        "elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeListeners",
                        "elasticloadbalancing:DescribeSSLPolicies", "acm:ListCertificates"));
    }

    /**
     * A GuardDuty or EventBridge event names a region: one targeted read there reads both the detector and the rules
     * routing its findings, in one session of the account, as the full run reads them.
     */
    @Test
    void aTargetedReadOfARegionReadsItsDetectorAndItsFindingRouting() throws Exception {
        String bootstrap = TestServers.kafka().bootstrapServers();
        TopicReader.ensureTopics(bootstrap, config.topics().evidence(), config.topics().collectionRuns());
        Instant asked = Instant.now();
        assertThat(targeted.request(List.of(new Target(GuardDutyCollector.NAME, GuardDutyCollector.TARGET_REGION,
                        "111122223333/us-east-1")), new Trigger("aws", "evt-" + asked.toEpochMilli(),
                        "aws.guardduty/UpdateDetector", asked))
                .get(90, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        TopicReader.Output all = TopicReader.readAll(bootstrap, config.topics().evidence(),
                config.topics().collectionRuns(), Duration.ofSeconds(10));
        CollectionRunEvent end = all.runs().stream().map(TopicReader.Received::event)
                .filter(r -> r.collector().equals(GuardDutyCollector.NAME) && r.state().finished()
                        && r.trigger() != null && r.trigger().deliveryId().equals("evt-" + asked.toEpochMilli()))
                .findFirst().orElseThrow();
        assertThat(end.state()).isEqualTo(RunState.COMPLETED);
        assertThat(end.counts()).isEqualTo(Map.of("aws.guardduty.region", 1L, "aws.guardduty.finding-routing", 1L));
        assertThat(all.evidence().stream().map(TopicReader.Received::event)
                .filter(e -> e.runId().equals(end.runId())).map(EvidenceEvent::resourceKey))
                .containsExactlyInAnyOrder(ACCOUNT + "guardduty:us-east-1",
                        ACCOUNT + "guardduty-finding-routing:us-east-1");
    }

    /** Starts each collector and reads its runs and evidence from Kafka. */
    static TopicReader.Output collect(VigilConfig config, List<String> collectors) throws InterruptedException {
        String bootstrap = TestServers.kafka().bootstrapServers();
        TopicReader.ensureTopics(bootstrap, config.topics().evidence(), config.topics().collectionRuns());
        List<String> runIds = collectors.stream().map(c -> given().post("/api/collections?collector=" + c)
                .then().statusCode(202).extract().jsonPath().getString("runs[0].runId")).toList();
        return TopicReader.read(bootstrap, config.topics().evidence(), config.topics().collectionRuns(), runIds,
                Duration.ofSeconds(90));
    }

    static Map<String, EvidenceEvent> byKey(TopicReader.Output out) {
        return out.evidence().stream().map(TopicReader.Received::event)
                .collect(Collectors.toMap(EvidenceEvent::resourceKey, Function.identity()));
    }

    static Map<String, CollectionRunEvent> ends(TopicReader.Output out) {
        return out.runs().stream().map(TopicReader.Received::event).filter(r -> r.state().finished())
                .collect(Collectors.toMap(CollectionRunEvent::collector, Function.identity()));
    }
}
