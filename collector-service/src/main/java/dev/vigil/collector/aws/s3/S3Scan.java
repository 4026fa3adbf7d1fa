package dev.vigil.collector.aws.s3;

import dev.vigil.collector.aws.AwsErrors;
import dev.vigil.collector.aws.SdkCaptureInterceptor;
import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.collector.spi.ParallelReads;
import dev.vigil.collector.spi.RawResponse;
import dev.vigil.common.evidence.Provenance;
import dev.vigil.common.evidence.RunFailure;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.GetBucketEncryptionRequest;
import software.amazon.awssdk.services.s3.model.ListBucketsRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionConfiguration;
import software.amazon.awssdk.services.s3control.S3ControlClient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads the account's public access block (S3 Control), then lists the account's buckets and reads each one's
 * default encryption, public access block, versioning and bucket policy. Each bucket is one item; the account's
 * block is copied into it, because S3 applies the stricter of the two. A "not configured" answer is a fact; any
 * other failure publishes nothing for that bucket (partial facts could fail it wrongly) and names the action. The
 * bucket's other reads are still made, so that one run names every action the reading role lacks. Buckets are read
 * a few at a time ({@code concurrency}), each bucket's four calls in order.
 */
final class S3Scan {
    private static final Logger LOG = Logger.getLogger(S3Scan.class);
    static final String TYPE = "aws.s3.bucket";
    static final String ACCOUNT = "aws.s3.account";
    static final String PERMISSION_LIST = "s3:ListAllMyBuckets";
    static final String PERMISSION_ENCRYPTION = "s3:GetEncryptionConfiguration";
    static final String PERMISSION_PUBLIC_ACCESS_BLOCK = "s3:GetBucketPublicAccessBlock";
    static final String PERMISSION_VERSIONING = "s3:GetBucketVersioning";
    static final String PERMISSION_POLICY = "s3:GetBucketPolicy";
    static final String PERMISSION_ACCOUNT_PUBLIC_ACCESS_BLOCK = "s3:GetAccountPublicAccessBlock";
    static final String NO_ENCRYPTION = "ServerSideEncryptionConfigurationNotFoundError";
    static final String NO_PUBLIC_ACCESS_BLOCK = "NoSuchPublicAccessBlockConfiguration";
    static final String NO_POLICY = "NoSuchBucketPolicy";
    /** The bucket was deleted since it was listed, or since the event that named it. */
    static final String NO_BUCKET = "NoSuchBucket";
    /** Raw responses of the S3 client are kept under this scope, those of S3 Control under the other. */
    static final String S3_SCOPE = "s3";
    static final String CONTROL_SCOPE = "s3control";

    private final S3Client s3;
    private final S3ControlClient control;
    private final String accountId;
    private final String defaultRegion;
    private final int concurrency;

    S3Scan(S3Client s3, S3ControlClient control, String accountId, String defaultRegion, int concurrency) {
        this.s3 = s3;
        this.control = control;
        this.accountId = accountId;
        this.defaultRegion = defaultRegion;
        this.concurrency = concurrency;
    }

    void run(CollectionContext context) {
        Optional<Map<String, Object>> account = account(context, true);
        List<Bucket> buckets = buckets(context);
        if (buckets == null) {
            return;
        }
        ParallelReads.forEach("s3-buckets", concurrency, buckets, bucket -> collect(context, bucket.name(),
                bucket.bucketRegion() != null ? bucket.bucketRegion() : defaultRegion, account));
    }

    /**
     * One bucket, read as {@link #run} reads it: the account's block its facts copy (not published again: only the
     * bucket is), then its four calls. Its region is the event's ({@code awsRegion}: S3 records a bucket's calls in
     * the bucket's region), not listed: listing every bucket of the account to find one would cost a page per 1,000
     * buckets and {@code s3:ListAllMyBuckets} for nothing the event does not say. A bucket deleted since answers
     * NoSuchBucket: nothing is published for it, as a full run would publish nothing, and the next full run retires it.
     */
    void bucket(CollectionContext context, String name, String region) {
        Optional<Map<String, Object>> account = account(context, false);
        collect(context, name, region, account);
    }

    /** Every bucket of the account, or null when they could not be listed (a failure, reported). */
    private List<Bucket> buckets(CollectionContext context) {
        try {
            return s3.listBucketsPaginator(ListBucketsRequest.builder().build()).buckets().stream().toList();
        } catch (SdkException e) {
            context.failure(AwsErrors.failure(TYPE, null, "list buckets", PERMISSION_LIST, e));
            return null;
        }
    }

    /**
     * The account's public access block (null facts when it has none), or empty when it could not be read;
     * published as the account's item when {@code publish}.
     */
    private Optional<Map<String, Object>> account(CollectionContext context, boolean publish) {
        String key = "aws:" + accountId + ":s3";
        Map<String, Object> block;
        try {
            var c = control.getPublicAccessBlock(r -> r.accountId(accountId)).publicAccessBlockConfiguration();
            block = PublicAccessBlockFacts.of(c.blockPublicAcls(), c.ignorePublicAcls(), c.blockPublicPolicy(),
                    c.restrictPublicBuckets());
        } catch (SdkException e) {
            if (!NO_PUBLIC_ACCESS_BLOCK.equals(AwsErrors.errorCode(e))) {
                context.failure(AwsErrors.failure(ACCOUNT, key, "read the account's public access block",
                        PERMISSION_ACCOUNT_PUBLIC_ACCESS_BLOCK, e));
                return Optional.empty();
            }
            block = null; // S3 says so explicitly: the account has no public access block
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("accountId", accountId);
        facts.put("publicAccessBlock", block);
        if (publish) {
            RawResponse raw = context.raw().get(SdkCaptureInterceptor.key(CONTROL_SCOPE, "GetPublicAccessBlock",
                    null)).orElse(null);
            context.evidence(ACCOUNT, key, facts, context.provenance("s3:GetAccountPublicAccessBlock",
                    Map.of("AccountId", accountId), raw));
        }
        return Optional.of(facts);
    }

    private void collect(CollectionContext context, String name, String region,
                         Optional<Map<String, Object>> account) {
        String key = "aws:" + accountId + ":s3:" + name;
        BucketReads reads = new BucketReads(context, key);
        ServerSideEncryptionConfiguration encryption = reads.read("read encryption of " + name,
                PERMISSION_ENCRYPTION, NO_ENCRYPTION, () -> s3.getBucketEncryption(
                        GetBucketEncryptionRequest.builder().bucket(name).build()).serverSideEncryptionConfiguration());
        var block = reads.read("read the public access block of " + name, PERMISSION_PUBLIC_ACCESS_BLOCK,
                NO_PUBLIC_ACCESS_BLOCK, () -> s3.getPublicAccessBlock(r -> r.bucket(name))
                        .publicAccessBlockConfiguration());
        // Never enabled: S3 answers 200 without a Status.
        String versioning = reads.read("read versioning of " + name, PERMISSION_VERSIONING, null,
                () -> s3.getBucketVersioning(r -> r.bucket(name)).statusAsString());
        String policy = reads.read("read the bucket policy of " + name, PERMISSION_POLICY, NO_POLICY,
                () -> s3.getBucketPolicy(r -> r.bucket(name)).policy());
        if (reads.gone) {
            LOG.infof("bucket %s of account %s does not exist any more: nothing to read", name, accountId);
            return;
        }
        if (reads.failed) {
            return;
        }
        boolean tlsOnly;
        try {
            tlsOnly = policy != null && BucketPolicyTransport.deniesInsecureTransport(name, policy);
        } catch (IllegalArgumentException e) {
            context.failure(new RunFailure(TYPE, key, "cannot read the bucket policy of "
                    + name + ": " + e.getMessage(), null));
            return;
        }

        Map<String, Object> facts = BucketEncryptionFacts.of(name, region, encryption);
        facts.put("publicAccessBlock", block == null ? null : PublicAccessBlockFacts.of(block.blockPublicAcls(),
                block.ignorePublicAcls(), block.blockPublicPolicy(), block.restrictPublicBuckets()));
        // Left out when the account's block could not be read, so that a rule needing it says "unknown".
        account.ifPresent(a -> facts.put("accountPublicAccessBlock", a.get("publicAccessBlock")));
        facts.put("versioning", versioning);
        facts.put("bucketPolicy", policy != null);
        facts.put("policyDeniesInsecureTransport", tlsOnly);
        RawResponse raw = context.raw().get(SdkCaptureInterceptor.key(S3_SCOPE, "GetBucketEncryption", name))
                .orElse(null);
        List<Provenance.Citation> supporting = new ArrayList<>();
        Map<String, String> bucketParameter = Map.of("Bucket", name);
        for (String operation : List.of("GetPublicAccessBlock", "GetBucketVersioning", "GetBucketPolicy")) {
            cite(context, supporting, S3_SCOPE, operation, name, "s3:" + operation, bucketParameter);
        }
        if (account.isPresent()) {
            // the account's block copied into the facts: the same answer the account's own item cites
            cite(context, supporting, CONTROL_SCOPE, "GetPublicAccessBlock", null,
                    "s3:GetAccountPublicAccessBlock", Map.of("AccountId", accountId));
        }
        context.evidence(TYPE, key, facts,
                context.provenance("s3:GetBucketEncryption", bucketParameter, raw, supporting));
    }

    /** Cites the captured answer to one more call the bucket's facts come from ("not configured" answers too). */
    private static void cite(CollectionContext context, List<Provenance.Citation> to, String scope, String operation,
                             String resource, String citedAs, Map<String, String> parameters) {
        context.raw().get(SdkCaptureInterceptor.key(scope, operation, resource))
                .ifPresent(r -> to.add(r.cite(citedAs, parameters)));
    }

    /** The reads about one bucket; any that failed (other than "not configured") withholds the bucket's item. */
    private static final class BucketReads {
        private final CollectionContext context;
        private final String key;
        private boolean failed;
        private boolean gone;

        BucketReads(CollectionContext context, String key) {
            this.context = context;
            this.key = key;
        }

        /**
         * One call: null when S3 answers {@code absent} (the setting is not configured, a fact), or when it failed;
         * a failure is reported, naming {@code permission} if denied.
         */
        <T> T read(String what, String permission, String absent, Supplier<T> call) {
            if (gone) {
                return null;
            }
            try {
                return call.get();
            } catch (SdkException e) {
                if (NO_BUCKET.equals(AwsErrors.errorCode(e))) {
                    gone = true;
                } else if (absent == null || !absent.equals(AwsErrors.errorCode(e))) {
                    context.failure(AwsErrors.failure(TYPE, key, what, permission, e));
                    failed = true;
                }
                return null;
            }
        }
    }
}
