package dev.vigil.collector.aws.s3;

import dev.vigil.collector.aws.CloudTrailCall;
import dev.vigil.collector.aws.CloudTrailEventTargets;
import dev.vigil.collector.aws.CloudTrailTargets;
import dev.vigil.collector.spi.Target;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.vigil.collector.aws.s3.S3Collector.NAME;
import static dev.vigil.collector.aws.s3.S3Collector.TARGET_ACCOUNT;
import static dev.vigil.collector.aws.s3.S3Collector.TARGET_BUCKET;

/**
 * S3 calls {@code aws-s3} reads again for: a bucket whose encryption, public access block, versioning or policy
 * changed (or that was created), named by {@code requestParameters.bucketName}, in the region the call was recorded
 * in (a bucket's, so the bucket is read without listing the account's); an account whose own public access block
 * changed (S3 Control's account calls are logged by S3).
 */
public final class S3CloudTrailTargets implements CloudTrailTargets {
    static final Set<String> BUCKET_EVENTS = Set.of("CreateBucket", "PutBucketEncryption", "DeleteBucketEncryption",
            "PutBucketPublicAccessBlock", "DeleteBucketPublicAccessBlock", "PutBucketVersioning", "PutBucketPolicy",
            "DeleteBucketPolicy");
    static final Set<String> ACCOUNT_EVENTS = Set.of("PutAccountPublicAccessBlock", "DeleteAccountPublicAccessBlock");
    /** S3's bucket names: 3 to 63 lower-case letters, digits, dots and hyphens. */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    @Override
    public String eventSource() {
        return "s3.amazonaws.com";
    }

    @Override
    public Set<String> eventNames() {
        Set<String> names = new LinkedHashSet<>(BUCKET_EVENTS);
        names.addAll(ACCOUNT_EVENTS);
        return names;
    }

    @Override
    public Map<String, String> ignored() {
        return Map.of("DeleteBucket", "a deleted bucket cannot be read; the next full run no longer lists it");
    }

    @Override
    public List<Target> targets(CloudTrailCall call) throws CloudTrailEventTargets.Malformed {
        if (ACCOUNT_EVENTS.contains(call.eventName())) {
            return List.of(new Target(NAME, TARGET_ACCOUNT, call.account()));
        }
        String bucket = call.request("bucketName").filter(b -> BUCKET.matcher(b).matches())
                .orElseThrow(() -> call.malformed("bucket"));
        return List.of(new Target(NAME, TARGET_BUCKET, call.inRegion(bucket)));
    }
}
