package dev.vigil.collector.run;

import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.testing.SandboxResource;
import dev.vigil.access.testing.TestCallers;
import dev.vigil.collector.testing.TopicReader;
import dev.vigil.common.evidence.CollectionRunEvent;
import dev.vigil.common.evidence.EvidenceEvent;
import dev.vigil.common.evidence.RunFailure;
import dev.vigil.common.evidence.RunState;
import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Several accounts: the own account, the organisation's active member account 444455556666 (the sandbox's STS
 * lets its VigilReadOnly role be assumed) and a configured role in 999988887777 that STS refuses. The first two are
 * read, with keys that keep them apart; the third is a failure naming the account and sts:AssumeRole.
 */
@QuarkusTest
@TestProfile(AwsAccountsIT.Accounts.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(SandboxResource.class)
class AwsAccountsIT {
    @BeforeAll
    static void callAsService() {
        TestCallers.callAsService();
    }


    public static class Accounts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vigil.aws.accounts[0].role-arn", "arn:aws:iam::999988887777:role/VigilReadOnly",
                    "vigil.aws.accounts[0].external-id", "acme-vigil",
                    "vigil.aws.organizations.enabled", "true");
        }
    }

    @Inject
    VigilConfig config;

    @Test
    void everyAccountThatCanBeAssumedIsReadAndTheOtherIsNamed() throws InterruptedException {
        TopicReader.Output out = AwsCollectionIT.collect(config, List.of("aws-guardduty", "aws-kms", "aws-s3"));
        Map<String, CollectionRunEvent> ends = AwsCollectionIT.ends(out);
        List<String> keys = out.evidence().stream().map(r -> r.event().resourceKey()).toList();

        CollectionRunEvent guardDuty = ends.get("aws-guardduty");
        assertThat(guardDuty.state()).isEqualTo(RunState.PARTIAL);
        assertThat(guardDuty.counts()).isEqualTo(Map.of("aws.guardduty.region", 4L,
                "aws.guardduty.finding-routing", 4L));
        assertThat(keys).contains("aws:111122223333:guardduty:us-east-1", "aws:111122223333:guardduty:eu-west-1",
                "aws:444455556666:guardduty:us-east-1", "aws:444455556666:guardduty:eu-west-1");
        // once per resource type the account's items would have been
        assertThat(guardDuty.failures()).extracting(RunFailure::resourceType, RunFailure::resourceKey,
                RunFailure::reason, RunFailure::missingPermission).containsExactlyInAnyOrder(
                Stream.of("aws.guardduty.region", "aws.guardduty.finding-routing").map(type -> tuple(type,
                        "aws:999988887777", "cannot assume role arn:aws:iam::999988887777:role/VigilReadOnly to read "
                                + "account 999988887777: HTTP 403 AccessDenied",
                        "sts:AssumeRole on arn:aws:iam::999988887777:role/VigilReadOnly")).toArray(Tuple[]::new));
        assertThat(keys).noneMatch(k -> k.contains("999988887777") || k.contains("777788889999"));

        // the second account's own answers: GuardDuty is on in both its regions (the own account lacks eu-west-1)
        Map<String, EvidenceEvent> byKey = AwsCollectionIT.byKey(out);
        assertThat(byKey.get("aws:444455556666:guardduty:eu-west-1").facts())
                .containsEntry("detectorId", "a9b8c7d6sandbox0guardduty000003").containsEntry("status", "ENABLED");
        assertThat(byKey.get("aws:111122223333:guardduty:eu-west-1").facts()).containsEntry("detectorId", null);

        // KMS: the second account has no key, the own account's two are read as usual
        CollectionRunEvent kms = ends.get("aws-kms");
        assertThat(kms.state()).isEqualTo(RunState.PARTIAL);
        assertThat(kms.counts()).isEqualTo(Map.of("aws.kms.key", 2L));
        assertThat(kms.failures()).extracting(RunFailure::missingPermission)
                .containsExactly("sts:AssumeRole on arn:aws:iam::999988887777:role/VigilReadOnly");

        // S3: the second account's own bucket and block, with its credentials, beside the own account's three
        CollectionRunEvent s3 = ends.get("aws-s3");
        assertThat(s3.state()).isEqualTo(RunState.PARTIAL);
        assertThat(s3.counts()).isEqualTo(Map.of("aws.s3.bucket", 4L, "aws.s3.account", 2L));
        assertThat(s3.failures()).extracting(RunFailure::resourceType, RunFailure::missingPermission)
                .containsExactlyInAnyOrder(
                        tuple("aws.s3.bucket", "sts:AssumeRole on arn:aws:iam::999988887777:role/VigilReadOnly"),
                        tuple("aws.s3.account", "sts:AssumeRole on arn:aws:iam::999988887777:role/VigilReadOnly"));
        assertThat(byKey.get("aws:444455556666:s3:acme-workloads-artifacts").facts())
                .containsEntry("region", "eu-west-1")
                .containsEntry("defaultEncryption", "aws:kms")
                .containsEntry("versioning", "Enabled")
                .containsEntry("policyDeniesInsecureTransport", true)
                .containsEntry("accountPublicAccessBlock", Map.of("blockPublicAcls", true, "ignorePublicAcls", true,
                        "blockPublicPolicy", true, "restrictPublicBuckets", true));
        assertThat(byKey.get("aws:111122223333:s3:acme-customer-data").facts())
                .containsEntry("accountPublicAccessBlock", Map.of("blockPublicAcls", true, "ignorePublicAcls", true,
                        "blockPublicPolicy", false, "restrictPublicBuckets", false));
        assertThat(keys).contains("aws:444455556666:s3", "aws:111122223333:s3")
                .doesNotContain("aws:111122223333:s3:acme-workloads-artifacts");
    }
}
