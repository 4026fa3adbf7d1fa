package dev.vigil.collector.run;

import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.testing.SandboxResource;
import dev.vigil.access.testing.TestCallers;
import dev.vigil.collector.testing.TopicReader;
import dev.vigil.common.evidence.CollectionRunEvent;
import dev.vigil.common.evidence.RunFailure;
import dev.vigil.common.evidence.RunState;
import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.PostgresTestResource;
import dev.vigil.collector.testing.LimitedCredentials;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The sandbox denies the access key "sandbox-limited" a few AWS actions (403 AccessDenied or
 * UnauthorizedOperation), S3's included: each run names the IAM action it lacked and publishes nothing for what it could not read.
 */
@QuarkusTest
@TestProfile(LimitedCredentials.class) // the three permission tests share it (one boot)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(SandboxResource.class)
class AwsPermissionDeniedIT {
    @BeforeAll
    static void callAsService() {
        TestCallers.callAsService();
    }


    @Inject
    VigilConfig config;

    @Test
    void deniedActionsAreNamedAndLeaveNoEvidence() throws InterruptedException {
        List<String> collectors = new ArrayList<>(AwsCollectionIT.COLLECTORS);
        collectors.add("aws-s3");
        TopicReader.Output out = AwsCollectionIT.collect(config, collectors);
        Map<String, CollectionRunEvent> ends = AwsCollectionIT.ends(out);
        List<String> types = out.evidence().stream().map(r -> r.event().resourceType()).distinct().toList();

        // IAM: no credential report, so no users and no root; the password policy and administrators are read.
        CollectionRunEvent iam = ends.get("aws-iam");
        assertThat(iam.state()).isEqualTo(RunState.PARTIAL);
        assertThat(iam.counts()).isEqualTo(Map.of("aws.iam.user", 0L, "aws.iam.root", 0L,
                "aws.iam.password-policy", 1L, "aws.iam.admin-principal", 2L));
        assertThat(iam.failures()).extracting(RunFailure::resourceType, RunFailure::missingPermission).containsExactly(
                tuple("aws.iam.user", "iam:GenerateCredentialReport"),
                tuple("aws.iam.root", "iam:GenerateCredentialReport"));
        assertThat(types).doesNotContain("aws.iam.user", "aws.iam.root");

        // EC2: security groups of eu-west-1 are denied; everything else is read.
        CollectionRunEvent ec2 = ends.get("aws-ec2");
        assertThat(ec2.state()).isEqualTo(RunState.PARTIAL);
        assertThat(ec2.counts()).isEqualTo(Map.of("aws.ec2.ebs-default-encryption", 2L, "aws.ec2.volume", 2L,
                "aws.ec2.security-group", 3L));
        assertThat(ec2.failures()).singleElement().satisfies(f -> {
            assertThat(f.resourceType()).isEqualTo("aws.ec2.security-group");
            assertThat(f.missingPermission()).isEqualTo("ec2:DescribeSecurityGroups");
            assertThat(f.reason()).isEqualTo(
                    "cannot list security groups in eu-west-1: HTTP 403 UnauthorizedOperation");
        });

        // RDS: denied in every region, so nothing trustworthy was read.
        CollectionRunEvent rds = ends.get("aws-rds");
        assertThat(rds.state()).isEqualTo(RunState.FAILED);
        assertThat(rds.counts()).isEqualTo(Map.of("aws.rds.instance", 0L));
        assertThat(rds.failures()).extracting(RunFailure::reason, RunFailure::missingPermission).containsExactly(
                tuple("cannot list database instances in eu-west-1: HTTP 403 AccessDenied", "rds:DescribeDBInstances"),
                tuple("cannot list database instances in us-east-1: HTTP 403 AccessDenied", "rds:DescribeDBInstances"));
        assertThat(types).doesNotContain("aws.rds.instance");

        // CloudTrail: the trails cannot be listed, so the account item is not published (not "no trail").
        CollectionRunEvent cloudTrail = ends.get("aws-cloudtrail");
        assertThat(cloudTrail.state()).isEqualTo(RunState.FAILED);
        assertThat(cloudTrail.counts()).isEqualTo(Map.of("aws.cloudtrail.account", 0L,
                "aws.cloudtrail.metric-alarms", 0L));
        // nor the alarms on the trails' events: which log groups to read is in the trail listing
        assertThat(cloudTrail.failures()).extracting(RunFailure::reason, RunFailure::missingPermission).containsExactly(
                tuple("cannot list CloudTrail trails in us-east-1: HTTP 400 AccessDeniedException",
                        "cloudtrail:DescribeTrails"),
                tuple("cannot read the alarms on CloudTrail's events: the trails of account 111122223333 could not "
                        + "be read", null));
        assertThat(types).doesNotContain("aws.cloudtrail.account");

        // AWS Backup: the failed jobs of us-east-1 are denied, so its resources are not published (they would look
        // healthier than they are); the plans, the vault and its access policy are read, and eu-west-1 in full.
        CollectionRunEvent backup = ends.get("aws-backup");
        assertThat(backup.state()).isEqualTo(RunState.PARTIAL);
        assertThat(backup.counts()).isEqualTo(Map.of("aws.backup.region", 2L, "aws.backup.vault", 1L,
                "aws.backup.vault-access-policy", 1L, "aws.backup.protected-resource", 0L));
        assertThat(backup.failures()).singleElement().satisfies(f -> {
            assertThat(f.resourceType()).isEqualTo("aws.backup.protected-resource");
            assertThat(f.missingPermission()).isEqualTo("backup:ListBackupJobs");
            assertThat(f.reason()).startsWith("cannot list the backup jobs that failed in us-east-1 since ")
                    .endsWith(": HTTP 403 AccessDeniedException");
        });
        assertThat(types).doesNotContain("aws.backup.protected-resource");

        // Load balancers: the listeners of us-east-1's three load balancers are denied; the certificates are read.
        CollectionRunEvent elb = ends.get("aws-load-balancers");
        assertThat(elb.state()).isEqualTo(RunState.PARTIAL);
        assertThat(elb.counts()).isEqualTo(Map.of("aws.elb.listener", 0L, "aws.acm.certificate", 3L));
        assertThat(elb.failures()).extracting(RunFailure::reason, RunFailure::missingPermission).containsExactly(
                tuple("cannot list the listeners of load balancer acme-internal-alb in us-east-1: HTTP 403 AccessDenied",
                        "elasticloadbalancing:DescribeListeners"),
                tuple("cannot list the listeners of load balancer acme-partner-nlb in us-east-1: HTTP 403 AccessDenied",
                        "elasticloadbalancing:DescribeListeners"),
                tuple("cannot list the listeners of load balancer acme-web-alb in us-east-1: HTTP 403 AccessDenied",
                        "elasticloadbalancing:DescribeListeners"));
        assertThat(types).doesNotContain("aws.elb.listener");

        // S3: the account's block, and four bucket reads, are denied. Every read of a bucket is still made, so each
        // missing action is named; only acme-app-logs, read in full, is published.
        CollectionRunEvent s3 = ends.get("aws-s3");
        assertThat(s3.state()).isEqualTo(RunState.PARTIAL);
        assertThat(s3.counts()).isEqualTo(Map.of("aws.s3.bucket", 1L, "aws.s3.account", 0L));
        assertThat(s3.failures()).extracting(RunFailure::resourceKey, RunFailure::reason,
                RunFailure::missingPermission).containsExactlyInAnyOrder(
                tuple("aws:111122223333:s3", "cannot read the account's public access block: HTTP 403 AccessDenied",
                        "s3:GetAccountPublicAccessBlock"),
                tuple("aws:111122223333:s3:acme-customer-data",
                        "cannot read encryption of acme-customer-data: HTTP 403 AccessDenied",
                        "s3:GetEncryptionConfiguration"),
                tuple("aws:111122223333:s3:acme-customer-data",
                        "cannot read the public access block of acme-customer-data: HTTP 403 AccessDenied",
                        "s3:GetBucketPublicAccessBlock"),
                tuple("aws:111122223333:s3:acme-backups",
                        "cannot read versioning of acme-backups: HTTP 403 AccessDenied", "s3:GetBucketVersioning"),
                tuple("aws:111122223333:s3:acme-backups",
                        "cannot read the bucket policy of acme-backups: HTTP 403 AccessDenied", "s3:GetBucketPolicy"));
        List<String> keys = out.evidence().stream().map(r -> r.event().resourceKey()).toList();
        assertThat(keys).contains("aws:111122223333:s3:acme-app-logs").doesNotContain("aws:111122223333:s3",
                "aws:111122223333:s3:acme-customer-data", "aws:111122223333:s3:acme-backups");
        // the bucket read in full has no account block to copy: its rule that needs one says "unknown"
        assertThat(AwsCollectionIT.byKey(out).get("aws:111122223333:s3:acme-app-logs").facts())
                .doesNotContainKey("accountPublicAccessBlock");

        // GuardDuty and KMS are not denied: the limited key reads them in full.
        assertThat(ends.get("aws-guardduty").state()).isEqualTo(RunState.COMPLETED);
        assertThat(ends.get("aws-kms").state()).isEqualTo(RunState.COMPLETED);
        assertThat(ends.get("aws-kms").counts()).isEqualTo(Map.of("aws.kms.key", 2L));
    }
}
