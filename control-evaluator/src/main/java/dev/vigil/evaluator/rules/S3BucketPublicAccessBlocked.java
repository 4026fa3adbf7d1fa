package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

import java.util.List;

@Singleton
public class S3BucketPublicAccessBlocked implements Rule {
    @Override
    public String id() {
        return "aws.s3.bucket-public-access-blocked";
    }

    @Override
    public String resourceType() {
        return "aws.s3.bucket";
    }

    @Override
    public String description() {
        return "Every S3 bucket blocks public access: all four public access block settings are on, for the bucket "
                + "or for the whole account.";
    }

    @Override
    public Verdict judge(Facts facts) {
        String bucket = facts.string("bucket");
        Facts own = facts.optionalFacts("publicAccessBlock");
        if (S3PublicAccessBlock.off(own).isEmpty()) {
            return Verdict.pass("bucket " + bucket + " blocks all public access itself");
        }
        // Only needed now: a bucket blocked on its own passes even when the account's block could not be read.
        List<String> off = S3PublicAccessBlock.off(own, facts.optionalFacts("accountPublicAccessBlock"));
        if (off.isEmpty()) {
            return Verdict.pass("bucket " + bucket + " blocks all public access, together with the account's block");
        }
        return Verdict.fail("bucket " + bucket + " can be made public: " + String.join(", ", off)
                + " off for the bucket and for the account");
    }
}
