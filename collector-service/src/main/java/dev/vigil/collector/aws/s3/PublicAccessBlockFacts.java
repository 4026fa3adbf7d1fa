package dev.vigil.collector.aws.s3;

import java.util.LinkedHashMap;
import java.util.Map;

/** The four settings of an S3 public access block (a bucket's or the account's) as facts; unset is false. */
public final class PublicAccessBlockFacts {
    private PublicAccessBlockFacts() {
    }

    public static Map<String, Object> of(Boolean blockPublicAcls, Boolean ignorePublicAcls, Boolean blockPublicPolicy,
                                         Boolean restrictPublicBuckets) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("blockPublicAcls", Boolean.TRUE.equals(blockPublicAcls));
        facts.put("ignorePublicAcls", Boolean.TRUE.equals(ignorePublicAcls));
        facts.put("blockPublicPolicy", Boolean.TRUE.equals(blockPublicPolicy));
        facts.put("restrictPublicBuckets", Boolean.TRUE.equals(restrictPublicBuckets));
        return facts;
    }
}
