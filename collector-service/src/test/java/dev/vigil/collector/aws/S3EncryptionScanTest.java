package dev.vigil.collector.aws;

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

import java.net.URI;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Recorded S3 REST XML responses, unmarshalled by the real SDK, to facts and failures. */
class S3EncryptionScanTest {
    private static final String ACCOUNT = "111122223333";

    @TempDir
    Path store;

    @Test
    void everyBucketsDefaultEncryption() {
        FixtureHttpClient http = new FixtureHttpClient(getClass())
                .answer("/", 200, "list-buckets.xml")
                .answer("/acme-customer-data?encryption", 200, "encryption-kms.xml")
                .answer("/acme-backups?encryption", 200, "encryption-aes256.xml")
                .answer("/acme-app-logs?encryption", 200, "encryption-aes256.xml");
        RecordingContext context = scan(http);

        assertThat(context.failures).isEmpty();
        assertThat(context.byKey()).containsOnlyKeys("aws:111122223333:s3:acme-app-logs",
                "aws:111122223333:s3:acme-backups", "aws:111122223333:s3:acme-customer-data");
        assertThat(context.byKey().get("aws:111122223333:s3:acme-customer-data").facts()).isEqualTo(Facts.of(
                "bucket", "acme-customer-data",
                "region", "us-east-1",
                "defaultEncryption", "aws:kms",
                "kmsKeyId", "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                "bucketKeyEnabled", true));
        assertThat(context.byKey().get("aws:111122223333:s3:acme-backups").facts()).isEqualTo(Facts.of(
                "bucket", "acme-backups",
                "region", "us-east-1",
                "defaultEncryption", "AES256",
                "kmsKeyId", null,
                "bucketKeyEnabled", false));
    }

    @Test
    void provenanceCitesTheStoredRawResponse() {
        FixtureHttpClient http = new FixtureHttpClient(getClass())
                .answer("/", 200, "list-buckets.xml")
                .answer("/acme-customer-data?encryption", 200, "encryption-kms.xml")
                .answer("/acme-backups?encryption", 200, "encryption-aes256.xml")
                .answer("/acme-app-logs?encryption", 200, "encryption-aes256.xml");
        RecordingContext context = scan(http);

        var provenance = context.byKey().get("aws:111122223333:s3:acme-customer-data").provenance();
        byte[] recorded = Redactor.redactBody(Fixtures.bytes(getClass(), "encryption-kms.xml"));
        assertThat(provenance.operation()).isEqualTo("s3:GetBucketEncryption");
        assertThat(provenance.parameters()).containsEntry("Bucket", "acme-customer-data");
        assertThat(provenance.responseSha256()).isEqualTo(Hashing.sha256Hex(recorded));
        assertThat(new EvidenceStore(store).get(provenance.responseSha256())).hasValue(recorded);
    }

    @Test
    void missingEncryptionIsAFactButDeniedAccessIsAFailure() {
        FixtureHttpClient http = new FixtureHttpClient(getClass())
                .answer("/", 200, "list-buckets-mixed.xml")
                .answer("/acme-legacy-exports?encryption", 404, "error-no-encryption.xml")
                .answer("/acme-eu-archive?encryption", 200, "encryption-dsse.xml")
                .answer("/acme-restricted?encryption", 403, "error-access-denied.xml");
        RecordingContext context = scan(http);

        assertThat(context.byKey().get("aws:111122223333:s3:acme-legacy-exports").facts()).isEqualTo(Facts.of(
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
        FixtureHttpClient http = new FixtureHttpClient(getClass()).answer("/", 403, "error-access-denied.xml");
        RecordingContext context = scan(http);

        assertThat(context.evidence).isEmpty();
        assertThat(context.failures).containsExactly(new RunFailure("aws.s3.bucket", null,
                "cannot list buckets: HTTP 403 AccessDenied", "s3:ListAllMyBuckets"));
    }

    @Test
    void everyAnswerIsCountedRetriesIncluded() {
        FixtureHttpClient http = new FixtureHttpClient(getClass())
                .answer("/", 503, "error-access-denied.xml") // retried by the SDK, then answered
                .answer("/", 200, "list-buckets.xml")
                .answer("/acme-customer-data?encryption", 200, "encryption-kms.xml")
                .answer("/acme-backups?encryption", 404, "error-no-encryption.xml")
                .answer("/acme-app-logs?encryption", 200, "encryption-aes256.xml");
        RecordingContext context = scan(http, 3);

        assertThat(context.failures).isEmpty();
        assertThat(http.requested).hasSize(5);
        assertThat(context.raw().calls().summary().counted()).isEqualTo(5);
        assertThat(context.raw().calls().summary().revalidated()).isZero();
    }

    private RecordingContext scan(FixtureHttpClient http) {
        return scan(http, 1);
    }

    private RecordingContext scan(FixtureHttpClient http, int attempts) {
        RecordingContext context = new RecordingContext(store);
        try (S3Client s3 = S3Client.builder()
                .httpClient(http)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("fixture", "fixture")))
                .endpointOverride(URI.create("https://s3.fixture.test"))
                .forcePathStyle(true)
                .overrideConfiguration(o -> o.addExecutionInterceptor(new SdkCaptureInterceptor(context.raw()))
                        .retryStrategy(r -> r.maxAttempts(attempts)))
                .build()) {
            new S3EncryptionScan(s3, ACCOUNT, "us-east-1").run(context);
        }
        return context;
    }
}
