package dev.vigil.collector.aws.s3;

import dev.vigil.collector.aws.FixtureHttpClient;
import dev.vigil.collector.aws.SdkCaptureInterceptor;
import dev.vigil.collector.testing.Facts;
import dev.vigil.collector.testing.Fixtures;
import dev.vigil.collector.testing.RecordingContext;
import dev.vigil.common.evidence.Hashing;
import dev.vigil.common.evidence.Redactor;
import dev.vigil.common.evidence.RunFailure;
import dev.vigil.common.store.EvidenceStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Recorded S3 REST XML responses, unmarshalled by the real SDK, to facts and failures. */
class S3ScanTest {
    private static final String ACCOUNT = "111122223333";

    @TempDir
    Path store;

    private static final String ACCOUNT_BLOCK = "/v20180820/configuration/publicAccessBlock";

    /** The account's block and every bucket's block, versioning and policy of list-buckets.xml, all configured. */
    private FixtureHttpClient threeBuckets() {
        FixtureHttpClient http = new FixtureHttpClient(getClass())
                .answer(ACCOUNT_BLOCK, 200, "account-public-access-block-acls.xml")
                .answer("/", 200, "list-buckets.xml");
        for (String bucket : List.of("acme-customer-data", "acme-backups", "acme-app-logs")) {
            http.answer("/" + bucket + "?publicAccessBlock", 200, "public-access-block-all.xml")
                    .answer("/" + bucket + "?versioning", 200, "versioning-enabled.xml")
                    .answer("/" + bucket + "?policy", 200, "policy-tls-only.json");
        }
        return http;
    }

    @Test
    void everyBucketsDefaultEncryptionPublicAccessBlockVersioningAndPolicy() {
        FixtureHttpClient http = threeBuckets()
                .answer("/acme-customer-data?encryption", 200, "encryption-kms.xml")
                .answer("/acme-backups?encryption", 200, "encryption-aes256.xml")
                .answer("/acme-app-logs?encryption", 200, "encryption-aes256.xml");
        RecordingContext context = scan(http);

        assertThat(context.failures).isEmpty();
        assertThat(context.byKey()).containsOnlyKeys("aws:111122223333:s3", "aws:111122223333:s3:acme-app-logs",
                "aws:111122223333:s3:acme-backups", "aws:111122223333:s3:acme-customer-data");
        Map<String, Object> all = Facts.of("blockPublicAcls", true, "ignorePublicAcls", true,
                "blockPublicPolicy", true, "restrictPublicBuckets", true);
        Map<String, Object> account = Facts.of("blockPublicAcls", true, "ignorePublicAcls", true,
                "blockPublicPolicy", false, "restrictPublicBuckets", false);
        assertThat(context.byKey().get("aws:111122223333:s3:acme-customer-data").facts()).isEqualTo(Facts.of(
                "bucket", "acme-customer-data",
                "region", "us-east-1",
                "defaultEncryption", "aws:kms",
                "kmsKeyId", "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                "bucketKeyEnabled", true,
                "publicAccessBlock", all,
                "accountPublicAccessBlock", account,
                "versioning", "Enabled",
                "bucketPolicy", true,
                "policyDeniesInsecureTransport", true));
        assertThat(context.byKey().get("aws:111122223333:s3:acme-backups").facts())
                .containsEntry("defaultEncryption", "AES256")
                .containsEntry("kmsKeyId", null)
                .containsEntry("bucketKeyEnabled", false);
        var item = context.byKey().get("aws:111122223333:s3");
        assertThat(item.resourceType()).isEqualTo("aws.s3.account");
        assertThat(item.facts()).isEqualTo(Facts.of("accountId", ACCOUNT, "publicAccessBlock", account));
        assertThat(item.provenance().operation()).isEqualTo("s3:GetAccountPublicAccessBlock");
        assertThat(item.provenance().responseSha256()).isEqualTo(Hashing.sha256Hex(
                Redactor.redactBody(Fixtures.bytes(getClass(), "account-public-access-block-acls.xml"))));
        // S3 Control names the account in the host; with an endpoint override it must stay the override's host
        assertThat(http.hosts).containsOnly("s3.fixture.test");
    }

    @Test
    void settingsNeverConfiguredAreFacts() {
        FixtureHttpClient http = new FixtureHttpClient(getClass())
                .answer(ACCOUNT_BLOCK, 404, "error-no-account-public-access-block.xml")
                .answer("/", 200, "list-buckets-mixed.xml")
                .answer("/acme-legacy-exports?encryption", 404, "error-no-encryption.xml")
                .answer("/acme-legacy-exports?publicAccessBlock", 404, "error-no-public-access-block.xml")
                .answer("/acme-legacy-exports?versioning", 200, "versioning-never.xml")
                .answer("/acme-legacy-exports?policy", 404, "error-no-policy.xml")
                .answer("/acme-eu-archive?encryption", 200, "encryption-dsse.xml")
                .answer("/acme-eu-archive?publicAccessBlock", 200, "public-access-block-policy-only.xml")
                .answer("/acme-eu-archive?versioning", 200, "versioning-suspended.xml")
                .answer("/acme-eu-archive?policy", 200, "policy-log-delivery.json")
                .answer("/acme-restricted?encryption", 200, "encryption-aes256.xml")
                .answer("/acme-restricted?publicAccessBlock", 200, "public-access-block-all.xml")
                .answer("/acme-restricted?versioning", 200, "versioning-enabled.xml")
                .answer("/acme-restricted?policy", 200, "policy-not-json.json");
        RecordingContext context = scan(http);

        assertThat(context.byKey().get("aws:111122223333:s3").facts())
                .isEqualTo(Facts.of("accountId", ACCOUNT, "publicAccessBlock", null));
        assertThat(context.byKey().get("aws:111122223333:s3:acme-legacy-exports").facts())
                .containsEntry("publicAccessBlock", null)
                .containsEntry("accountPublicAccessBlock", null)
                .containsEntry("versioning", null)
                .containsEntry("bucketPolicy", false)
                .containsEntry("policyDeniesInsecureTransport", false);
        assertThat(context.byKey().get("aws:111122223333:s3:acme-eu-archive").facts())
                .containsEntry("publicAccessBlock", Facts.of("blockPublicAcls", false, "ignorePublicAcls", false,
                        "blockPublicPolicy", true, "restrictPublicBuckets", true))
                .containsEntry("versioning", "Suspended")
                .containsEntry("bucketPolicy", true)
                .containsEntry("policyDeniesInsecureTransport", false);
        // a policy S3 would never return: reported, and nothing published rather than a guess
        assertThat(context.byKey()).doesNotContainKey("aws:111122223333:s3:acme-restricted");
        assertThat(context.failures).singleElement().satisfies(f -> {
            assertThat(f.resourceKey()).isEqualTo("aws:111122223333:s3:acme-restricted");
            assertThat(f.reason()).contains("bucket policy of acme-restricted is not JSON");
            assertThat(f.missingPermission()).isNull();
        });
    }

    @ParameterizedTest
    @CsvSource({"publicAccessBlock, s3:GetBucketPublicAccessBlock", "versioning, s3:GetBucketVersioning",
            "policy, s3:GetBucketPolicy"})
    void eachDeniedBucketReadNamesItsActionAndPublishesNothingForTheBucket(String subresource, String action) {
        FixtureHttpClient http = threeBuckets()
                .answer("/acme-customer-data?encryption", 200, "encryption-kms.xml")
                .answer("/acme-backups?encryption", 200, "encryption-aes256.xml")
                .answer("/acme-app-logs?encryption", 200, "encryption-aes256.xml")
                .without("/acme-backups?" + subresource)
                .answer("/acme-backups?" + subresource, 403, "error-access-denied.xml");
        RecordingContext context = scan(http);

        assertThat(context.byKey()).containsOnlyKeys("aws:111122223333:s3", "aws:111122223333:s3:acme-app-logs",
                "aws:111122223333:s3:acme-customer-data");
        assertThat(context.failures).singleElement().satisfies(f -> {
            assertThat(f.resourceType()).isEqualTo("aws.s3.bucket");
            assertThat(f.resourceKey()).isEqualTo("aws:111122223333:s3:acme-backups");
            assertThat(f.missingPermission()).isEqualTo(action);
            assertThat(f.reason()).contains("acme-backups").contains("403 AccessDenied");
        });
    }

    @Test
    void aBucketDeniedSeveralReadsNamesEveryMissingAction() {
        FixtureHttpClient http = threeBuckets()
                .answer("/acme-customer-data?encryption", 403, "error-access-denied.xml")
                .answer("/acme-backups?encryption", 200, "encryption-aes256.xml")
                .answer("/acme-app-logs?encryption", 200, "encryption-aes256.xml")
                .without("/acme-customer-data?versioning")
                .answer("/acme-customer-data?versioning", 403, "error-access-denied.xml");
        RecordingContext context = scan(http);

        // every read of the bucket was still made, so one run tells the owner all that the role lacks
        assertThat(http.requested).contains("/acme-customer-data?publicAccessBlock", "/acme-customer-data?policy");
        assertThat(context.failures).extracting(RunFailure::resourceKey, RunFailure::missingPermission)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("aws:111122223333:s3:acme-customer-data",
                                "s3:GetEncryptionConfiguration"),
                        org.assertj.core.groups.Tuple.tuple("aws:111122223333:s3:acme-customer-data",
                                "s3:GetBucketVersioning"));
        assertThat(context.byKey()).doesNotContainKey("aws:111122223333:s3:acme-customer-data")
                .containsKeys("aws:111122223333:s3:acme-backups", "aws:111122223333:s3:acme-app-logs");
    }

    @Test
    void aDeniedAccountBlockIsAFailureAndLeavesTheBucketsWithoutIt() {
        FixtureHttpClient http = threeBuckets()
                .without(ACCOUNT_BLOCK)
                .answer(ACCOUNT_BLOCK, 403, "error-account-access-denied.xml")
                .answer("/acme-customer-data?encryption", 200, "encryption-kms.xml")
                .answer("/acme-backups?encryption", 200, "encryption-aes256.xml")
                .answer("/acme-app-logs?encryption", 200, "encryption-aes256.xml");
        RecordingContext context = scan(http);

        assertThat(context.byKey()).doesNotContainKey("aws:111122223333:s3");
        assertThat(context.failures).containsExactly(new RunFailure("aws.s3.account", "aws:111122223333:s3",
                "cannot read the account's public access block: HTTP 403 AccessDenied",
                "s3:GetAccountPublicAccessBlock"));
        // the rule that needs it then finds it missing ("unknown"), rather than assuming "no block"
        assertThat(context.byKey().get("aws:111122223333:s3:acme-backups").facts())
                .doesNotContainKey("accountPublicAccessBlock")
                .containsEntry("versioning", "Enabled");
    }

    @Test
    void provenanceCitesTheStoredRawResponse() {
        FixtureHttpClient http = threeBuckets()
                .answer("/acme-customer-data?encryption", 200, "encryption-kms.xml")
                .answer("/acme-backups?encryption", 200, "encryption-aes256.xml")
                .answer("/acme-app-logs?encryption", 200, "encryption-aes256.xml");
        RecordingContext context = scan(http);

        var provenance = context.byKey().get("aws:111122223333:s3:acme-customer-data").provenance();
        byte[] recorded = Redactor.redactBody(Fixtures.bytes(getClass(), "encryption-kms.xml"));
        assertThat(provenance.operation()).isEqualTo("s3:GetBucketEncryption");
        assertThat(provenance.parameters()).containsEntry("Bucket", "acme-customer-data");
        assertThat(provenance.responseSha256()).isEqualTo(Hashing.sha256Hex(recorded));
        assertThat(EvidenceStore.folder(store).get(provenance.responseSha256())).hasValue(recorded);

        // the other answers the facts come from are cited too, so an auditor can check every fact
        assertThat(provenance.supporting()).extracting(c -> c.operation(), c -> c.responseSha256()).containsExactly(
                org.assertj.core.groups.Tuple.tuple("s3:GetPublicAccessBlock", sha("public-access-block-all.xml")),
                org.assertj.core.groups.Tuple.tuple("s3:GetBucketVersioning", sha("versioning-enabled.xml")),
                org.assertj.core.groups.Tuple.tuple("s3:GetBucketPolicy", sha("policy-tls-only.json")),
                org.assertj.core.groups.Tuple.tuple("s3:GetAccountPublicAccessBlock",
                        sha("account-public-access-block-acls.xml")));
        assertThat(provenance.supporting().get(0).parameters()).isEqualTo(Map.of("Bucket", "acme-customer-data"));
        assertThat(provenance.supporting().get(3).parameters()).isEqualTo(Map.of("AccountId", ACCOUNT));
        assertThat(provenance.responseSha256s()).hasSize(5)
                .allSatisfy(sha -> assertThat(EvidenceStore.folder(store).contains(sha)).isTrue());
    }

    private String sha(String fixture) {
        return Hashing.sha256Hex(Redactor.redactBody(Fixtures.bytes(getClass(), fixture)));
    }

    @Test
    void missingEncryptionIsAFactButDeniedAccessIsAFailure() {
        FixtureHttpClient http = new FixtureHttpClient(getClass())
                .answer(ACCOUNT_BLOCK, 200, "account-public-access-block-acls.xml")
                .answer("/", 200, "list-buckets-mixed.xml")
                .answer("/acme-legacy-exports?encryption", 404, "error-no-encryption.xml")
                .answer("/acme-eu-archive?encryption", 200, "encryption-dsse.xml")
                .answer("/acme-restricted?encryption", 403, "error-access-denied.xml");
        for (String bucket : List.of("acme-legacy-exports", "acme-eu-archive", "acme-restricted")) {
            http.answer("/" + bucket + "?publicAccessBlock", 200, "public-access-block-all.xml")
                    .answer("/" + bucket + "?versioning", 200, "versioning-enabled.xml")
                    .answer("/" + bucket + "?policy", 200, "policy-log-delivery.json");
        }
        RecordingContext context = scan(http);

        assertThat(context.byKey().get("aws:111122223333:s3:acme-legacy-exports").facts()).containsAllEntriesOf(Facts.of(
                "bucket", "acme-legacy-exports",
                "region", "us-east-1", // ListBuckets gave no BucketRegion: the configured region
                "defaultEncryption", null,
                "kmsKeyId", null,
                "bucketKeyEnabled", false));
        assertThat(context.byKey().get("aws:111122223333:s3:acme-legacy-exports").provenance().responseSha256())
                .isEqualTo(Hashing.sha256Hex(Redactor.redactBody(Fixtures.bytes(getClass(), "error-no-encryption.xml"))));
        assertThat(context.byKey().get("aws:111122223333:s3:acme-eu-archive").facts())
                .containsEntry("region", "eu-west-1")
                .containsEntry("defaultEncryption", "aws:kms:dsse")
                .containsEntry("kmsKeyId", "arn:aws:kms:eu-west-1:111122223333:alias/vigil-fixture");

        assertThat(context.byKey()).doesNotContainKey("aws:111122223333:s3:acme-restricted");
        assertThat(context.failures).singleElement().satisfies(f -> {
            assertThat(f.resourceType()).isEqualTo("aws.s3.bucket");
            assertThat(f.resourceKey()).isEqualTo("aws:111122223333:s3:acme-restricted");
            assertThat(f.missingPermission()).isEqualTo("s3:GetEncryptionConfiguration");
            assertThat(f.reason()).contains("403").contains("AccessDenied");
        });
    }

    @Test
    void deniedListingIsAFailureOfTheWholeType() {
        FixtureHttpClient http = new FixtureHttpClient(getClass())
                .answer(ACCOUNT_BLOCK, 200, "account-public-access-block-acls.xml")
                .answer("/", 403, "error-access-denied.xml");
        RecordingContext context = scan(http);

        assertThat(context.evidence).extracting(e -> e.resourceType()).containsExactly("aws.s3.account");
        assertThat(context.failures).containsExactly(new RunFailure("aws.s3.bucket", null,
                "cannot list buckets: HTTP 403 AccessDenied", "s3:ListAllMyBuckets"));
    }

    @Test
    void everyAnswerIsCountedRetriesIncluded() {
        FixtureHttpClient http = threeBuckets().without("/")
                .answer("/", 503, "error-access-denied.xml") // retried by the SDK, then answered
                .answer("/", 200, "list-buckets.xml")
                .answer("/acme-customer-data?encryption", 200, "encryption-kms.xml")
                .answer("/acme-backups?encryption", 404, "error-no-encryption.xml")
                .answer("/acme-app-logs?encryption", 200, "encryption-aes256.xml");
        RecordingContext context = scan(http, 3);

        assertThat(context.failures).isEmpty();
        // the account's block, two listings, then four reads of each of three buckets
        assertThat(http.requested).hasSize(15);
        assertThat(context.raw().calls().summary().counted()).isEqualTo(15);
        assertThat(context.raw().calls().summary().revalidated()).isZero();
    }

    @Test
    void bucketsReadInParallelGiveTheSameEvidenceEachCitingItsOwnAnswers() {
        FixtureHttpClient serial = threeBuckets()
                .answer("/acme-customer-data?encryption", 200, "encryption-kms.xml")
                .answer("/acme-backups?encryption", 404, "error-no-encryption.xml")
                .answer("/acme-app-logs?encryption", 200, "encryption-aes256.xml");
        FixtureHttpClient parallel = threeBuckets()
                .answer("/acme-customer-data?encryption", 200, "encryption-kms.xml")
                .answer("/acme-backups?encryption", 404, "error-no-encryption.xml")
                .answer("/acme-app-logs?encryption", 200, "encryption-aes256.xml");

        RecordingContext one = scan(serial, 1, 1);
        RecordingContext three = scan(parallel, 1, 3);

        assertThat(three.failures).isEmpty();
        assertThat(three.byKey()).hasSize(4).isEqualTo(one.byKey());
        assertThat(parallel.requested).hasSize(serial.requested.size())
                .containsExactlyInAnyOrderElementsOf(serial.requested);
    }

    private RecordingContext scan(FixtureHttpClient http) {
        return scan(http, 1);
    }

    private RecordingContext scan(FixtureHttpClient http, int attempts) {
        return scan(http, attempts, 1);
    }

    private RecordingContext scan(FixtureHttpClient http, int attempts, int concurrency) {
        return scan(http, attempts, concurrency, (scan, context) -> scan.run(context));
    }

    /** {@link #threeBuckets()}, each with default encryption (KMS for acme-customer-data). */
    private FixtureHttpClient threeEncryptedBuckets() {
        return threeBuckets()
                .answer("/acme-customer-data?encryption", 200, "encryption-kms.xml")
                .answer("/acme-backups?encryption", 200, "encryption-aes256.xml")
                .answer("/acme-app-logs?encryption", 200, "encryption-aes256.xml");
    }

    @Test
    void aBucketTargetReadsThatBucketAloneWithTheFactsAndProvenanceOfAFullRun() {
        RecordingContext full = scan(threeEncryptedBuckets());
        FixtureHttpClient targetedHttp = threeEncryptedBuckets();
        RecordingContext targeted = scan(targetedHttp, 1, 1,
                (scan, context) -> scan.bucket(context, "acme-customer-data", "us-east-1"));

        assertThat(targeted.failures).isEmpty();
        // the bucket only: the account's block is read for the bucket's facts but not published again
        assertThat(targeted.byKey()).containsOnlyKeys("aws:111122223333:s3:acme-customer-data");
        var item = targeted.byKey().get("aws:111122223333:s3:acme-customer-data");
        var fullItem = full.byKey().get("aws:111122223333:s3:acme-customer-data");
        assertThat(item.facts()).isEqualTo(fullItem.facts());
        assertThat(item.provenance()).isEqualTo(fullItem.provenance());
        // the account's block and the bucket's four calls: no list of every bucket to find it
        assertThat(targetedHttp.requested).allSatisfy(path -> assertThat(path)
                .satisfiesAnyOf(p -> assertThat(p).isEqualTo(ACCOUNT_BLOCK),
                        p -> assertThat(p).startsWith("/acme-customer-data?"))).hasSize(5);
    }

    @Test
    void aBucketDeletedSincePublishesNothingAndIsNoFailure() {
        FixtureHttpClient http = threeBuckets()
                .answer("/acme-deleted-yesterday?encryption", 404, "error-no-such-bucket.xml");
        RecordingContext context = scan(http, 1, 1,
                (scan, c) -> scan.bucket(c, "acme-deleted-yesterday", "us-east-1"));
        assertThat(context.byKey()).isEmpty();
        assertThat(context.failures).isEmpty();
    }

    @Test
    void aBucketTargetWhoseReadIsDeniedIsAFailureNamingItAndPublishesNothing() {
        FixtureHttpClient http = threeBuckets()
                .answer("/acme-customer-data?encryption", 403, "error-access-denied.xml");
        RecordingContext context = scan(http, 1, 1, (scan, c) -> scan.bucket(c, "acme-customer-data", "us-east-1"));
        assertThat(context.byKey()).isEmpty();
        assertThat(context.failures).singleElement().satisfies(f -> {
            assertThat(f.resourceKey()).isEqualTo("aws:111122223333:s3:acme-customer-data");
            assertThat(f.missingPermission()).isEqualTo("s3:GetEncryptionConfiguration");
        });
    }

    private RecordingContext scan(FixtureHttpClient http, int attempts, int concurrency,
                                  java.util.function.BiConsumer<S3Scan, RecordingContext> work) {
        RecordingContext context = new RecordingContext(store);
        try (S3ControlClient control = S3ControlClient.builder()
                .httpClient(http)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("fixture", "fixture")))
                .endpointOverride(URI.create("https://s3.fixture.test"))
                .endpointProvider(S3ControlEndpoint.withoutAccountHost())
                .overrideConfiguration(o -> o.addExecutionInterceptor(
                                new SdkCaptureInterceptor(context.raw(), S3Scan.CONTROL_SCOPE))
                        .retryStrategy(r -> r.maxAttempts(attempts)))
                .build();
             S3Client s3 = S3Client.builder()
                .httpClient(http)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("fixture", "fixture")))
                .endpointOverride(URI.create("https://s3.fixture.test"))
                .forcePathStyle(true)
                .overrideConfiguration(o -> o.addExecutionInterceptor(new SdkCaptureInterceptor(context.raw(), S3Scan.S3_SCOPE))
                        .retryStrategy(r -> r.maxAttempts(attempts)))
                .build()) {
            work.accept(new S3Scan(s3, control, ACCOUNT, "us-east-1", concurrency), context);
        }
        return context;
    }
}
