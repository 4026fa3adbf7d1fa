package dev.vigil.collector.aws.rds;

import dev.vigil.collector.aws.AwsFixtureClients;
import dev.vigil.collector.aws.FixtureHttpClient;
import dev.vigil.collector.aws.KeptAnswers;
import dev.vigil.collector.spi.AllowListDefinitions;
import dev.vigil.collector.testing.Facts;
import dev.vigil.collector.testing.Fixtures;
import dev.vigil.collector.testing.RecordingContext;
import dev.vigil.common.evidence.Hashing;
import dev.vigil.common.evidence.Redactor;
import dev.vigil.common.evidence.RunFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsClient;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Recorded RDS query-protocol responses, unmarshalled by the real SDK, to facts and failures. */
class RdsScanTest {
    private static final String PREFIX = "aws:111122223333:rds:us-east-1:db/";

    @TempDir
    Path store;

    @Test
    void everyInstanceAcrossMarkerPages() {
        RecordingContext context = scan(new FixtureHttpClient(getClass())
                .answer("DescribeDBInstances@us-east-1", 200, "instances-page-1.xml")
                .answer("DescribeDBInstances@us-east-1#page-2", 200, "instances-page-2.xml"));

        assertThat(context.failures).isEmpty();
        assertThat(context.byKey()).containsOnlyKeys(PREFIX + "orders-db", PREFIX + "legacy-mysql",
                PREFIX + "search-aurora-1");
        assertThat(context.byKey().get(PREFIX + "orders-db").facts()).isEqualTo(Facts.of(
                "identifier", "orders-db", "arn", "arn:aws:rds:us-east-1:111122223333:db:orders-db",
                "region", "us-east-1", "engine", "postgres", "status", "available", "storageEncrypted", true,
                "kmsKeyId", "arn:aws:kms:us-east-1:111122223333:key/0fixture-rds-key", "backupRetentionDays", 14,
                "deletionProtection", true, "publiclyAccessible", false, "multiAz", true, "clusterIdentifier", null));
        assertThat(context.byKey().get(PREFIX + "legacy-mysql").facts())
                .containsEntry("storageEncrypted", false).containsEntry("kmsKeyId", null)
                .containsEntry("backupRetentionDays", 0).containsEntry("publiclyAccessible", true)
                .containsEntry("deletionProtection", false).containsEntry("multiAz", false);
        assertThat(context.byKey().get(PREFIX + "search-aurora-1").facts())
                .containsEntry("clusterIdentifier", "search-aurora").containsEntry("engine", "aurora-postgresql");

        RecordingContext.Item legacy = context.byKey().get(PREFIX + "legacy-mysql");
        assertThat(legacy.provenance().operation()).isEqualTo("rds:DescribeDBInstances");
        assertThat(legacy.provenance().parameters())
                .isEqualTo(Map.of("Region", "us-east-1", "DBInstanceIdentifier", "legacy-mysql"));
        assertThat(legacy.provenance().responseSha256()).isEqualTo(
                Hashing.sha256Hex(Redactor.redactBody(Fixtures.bytes(getClass(), "instances-page-2.xml"))));
    }

    @Test
    void deniedListingIsAFailureNamingTheAction() {
        RecordingContext context = scan(new FixtureHttpClient(getClass())
                .answer("DescribeDBInstances@us-east-1", 403, "error-access-denied.xml"));

        assertThat(context.evidence).isEmpty();
        assertThat(context.failures).containsExactly(new RunFailure("aws.rds.instance", null,
                "cannot list database instances in us-east-1: HTTP 403 AccessDenied", "rds:DescribeDBInstances"));
    }

    @Test
    void theAnswersAsTheEvidenceStoreKeepsThemGiveTheSameFactsAndFailures() {
        KeptAnswers kept = KeptAnswers.assertSameFacts(AllowListDefinitions.of(RdsCollector.class), "us-east-1",
                () -> new FixtureHttpClient(getClass())
                        .answer("DescribeDBInstances@us-east-1", 200, "instances-page-1.xml")
                        .answer("DescribeDBInstances@us-east-1#page-2", 200, "instances-page-2.xml"), this::scan);
        assertThat(kept.kinds).containsExactly("database instances", "database instances");
        KeptAnswers.assertSameFacts(AllowListDefinitions.of(RdsCollector.class), "us-east-1",
                () -> new FixtureHttpClient(getClass())
                        .answer("DescribeDBInstances@us-east-1", 403, "error-access-denied.xml"), this::scan);
    }

    @Test
    void anInstanceTargetPublishesThatInstanceWithTheFactsOfAFullRun() {
        RecordingContext full = scan(new FixtureHttpClient(getClass())
                .answer("DescribeDBInstances@us-east-1", 200, "instances-page-1.xml")
                .answer("DescribeDBInstances@us-east-1#page-2", 200, "instances-page-2.xml"));
        FixtureHttpClient http = new FixtureHttpClient(getClass())
                .answer("DescribeDBInstances@us-east-1", 200, "instance-orders-db.xml");
        RecordingContext targeted = instance(http, "orders-db");

        assertThat(targeted.failures).isEmpty();
        assertThat(targeted.byKey()).containsOnlyKeys(PREFIX + "orders-db");
        assertThat(targeted.byKey().get(PREFIX + "orders-db").facts())
                .isEqualTo(full.byKey().get(PREFIX + "orders-db").facts());
        assertThat(targeted.byKey().get(PREFIX + "orders-db").provenance().parameters())
                .isEqualTo(full.byKey().get(PREFIX + "orders-db").provenance().parameters());
        assertThat(http.requested).containsExactly("DescribeDBInstances@us-east-1");
    }

    @Test
    void anInstanceRdsNoLongerKnowsPublishesNothingAndIsNoFailure() {
        RecordingContext targeted = instance(new FixtureHttpClient(getClass())
                .answer("DescribeDBInstances@us-east-1", 404, "error-instance-not-found.xml"), "dropped-db");
        assertThat(targeted.byKey()).isEmpty();
        assertThat(targeted.failures).isEmpty();
    }

    @Test
    void aDeniedInstanceReadIsAFailureNamingIt() {
        RecordingContext targeted = instance(new FixtureHttpClient(getClass())
                .answer("DescribeDBInstances@us-east-1", 403, "error-access-denied.xml"), "orders-db");
        assertThat(targeted.failures).singleElement().satisfies(f -> {
            assertThat(f.resourceKey()).isEqualTo(PREFIX + "orders-db");
            assertThat(f.missingPermission()).isEqualTo("rds:DescribeDBInstances");
        });
    }

    private RecordingContext instance(FixtureHttpClient http, String id) {
        RecordingContext context = new RecordingContext(store);
        try (RdsClient rds = AwsFixtureClients.client(RdsClient.builder(), http, Region.US_EAST_1, context, null)) {
            new RdsScan(rds, "111122223333", "us-east-1").instance(context, id);
        }
        return context;
    }

    private RecordingContext scan(FixtureHttpClient http) {
        return scan(http, null);
    }

    private RecordingContext scan(FixtureHttpClient http, KeptAnswers kept) {
        RecordingContext context = new RecordingContext(store);
        try (RdsClient rds = AwsFixtureClients.client(RdsClient.builder(), http, Region.US_EAST_1, context, kept)) {
            new RdsScan(rds, "111122223333", "us-east-1").run(context);
        }
        return context;
    }
}
