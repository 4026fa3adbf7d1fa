package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

@Singleton
public class S3BucketDeniesInsecureTransport implements Rule {
    @Override
    public String id() {
        return "aws.s3.bucket-denies-insecure-transport";
    }

    @Override
    public String resourceType() {
        return "aws.s3.bucket";
    }

    @Override
    public String description() {
        return "Every S3 bucket's policy denies all requests made without TLS (aws:SecureTransport false).";
    }

    @Override
    public Verdict judge(Facts facts) {
        String bucket = facts.string("bucket");
        if (facts.bool("policyDeniesInsecureTransport")) {
            return Verdict.pass("bucket " + bucket + " refuses requests without TLS");
        }
        return Verdict.fail(facts.bool("bucketPolicy")
                ? "bucket " + bucket + "'s policy does not deny requests without TLS: objects can travel in clear text"
                : "bucket " + bucket + " has no bucket policy, so nothing denies requests without TLS");
    }
}
