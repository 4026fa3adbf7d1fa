package dev.vigil.collector.aws;

import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.collector.spi.RawResponse;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.GetBucketEncryptionRequest;
import software.amazon.awssdk.services.s3.model.ListBucketsRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionConfiguration;

import java.util.List;
import java.util.Map;

/** Lists the account's buckets and reads each one's default encryption, through a given S3 client. */
final class S3EncryptionScan {
    static final String TYPE = "aws.s3.bucket";
    static final String PERMISSION_LIST = "s3:ListAllMyBuckets";
    static final String PERMISSION_ENCRYPTION = "s3:GetEncryptionConfiguration";
    static final String NO_ENCRYPTION = "ServerSideEncryptionConfigurationNotFoundError";

    private final S3Client s3;
    private final String accountId;
    private final String defaultRegion;

    S3EncryptionScan(S3Client s3, String accountId, String defaultRegion) {
        this.s3 = s3;
        this.accountId = accountId;
        this.defaultRegion = defaultRegion;
    }

    void run(CollectionContext context) {
        List<Bucket> buckets;
        try {
            buckets = s3.listBucketsPaginator(ListBucketsRequest.builder().build()).buckets().stream().toList();
        } catch (SdkException e) {
            context.failure(AwsErrors.failure(TYPE, null, "list buckets", PERMISSION_LIST, e));
            return;
        }
        for (Bucket bucket : buckets) {
            collect(context, bucket);
        }
    }

    private void collect(CollectionContext context, Bucket bucket) {
        String name = bucket.name();
        String key = "aws:" + accountId + ":s3:" + name;
        ServerSideEncryptionConfiguration configuration;
        try {
            configuration = s3.getBucketEncryption(GetBucketEncryptionRequest.builder().bucket(name).build())
                    .serverSideEncryptionConfiguration();
        } catch (SdkException e) {
            if (!NO_ENCRYPTION.equals(AwsErrors.errorCode(e))) {
                context.failure(AwsErrors.failure(TYPE, key, "read encryption of " + name, PERMISSION_ENCRYPTION, e));
                return;
            }
            configuration = null; // S3 says so explicitly: the bucket has no default encryption
        }
        String region = bucket.bucketRegion() != null ? bucket.bucketRegion() : defaultRegion;
        Map<String, Object> facts = BucketEncryptionFacts.of(name, region, configuration);
        RawResponse raw = context.raw().get(SdkCaptureInterceptor.key("GetBucketEncryption", name)).orElse(null);
        context.evidence(TYPE, key, facts,
                context.provenance("s3:GetBucketEncryption", Map.of("Bucket", name), raw));
    }
}
