package dev.vigil.collector.aws.s3;

import software.amazon.awssdk.services.s3.model.ServerSideEncryptionByDefault;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionConfiguration;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

import java.util.LinkedHashMap;
import java.util.Map;

/** A bucket's default encryption (GetBucketEncryption) as facts. */
public final class BucketEncryptionFacts {
    private BucketEncryptionFacts() {
    }

    /**
     * @param configuration the bucket's encryption configuration, or null when S3 reported
     *                      ServerSideEncryptionConfigurationNotFoundError (no default encryption)
     */
    public static Map<String, Object> of(String bucket, String region, ServerSideEncryptionConfiguration configuration) {
        ServerSideEncryptionRule rule = configuration == null ? null : configuration.rules().stream()
                .filter(r -> r.applyServerSideEncryptionByDefault() != null)
                .findFirst().orElse(null);
        ServerSideEncryptionByDefault byDefault = rule == null ? null : rule.applyServerSideEncryptionByDefault();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("bucket", bucket);
        facts.put("region", region);
        facts.put("defaultEncryption", byDefault == null ? null : byDefault.sseAlgorithmAsString());
        facts.put("kmsKeyId", byDefault == null ? null : byDefault.kmsMasterKeyID());
        facts.put("bucketKeyEnabled", rule != null && Boolean.TRUE.equals(rule.bucketKeyEnabled()));
        return facts;
    }
}
