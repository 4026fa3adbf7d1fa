package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

@Singleton
public class S3BucketVersioningEnabled implements Rule {
    @Override
    public String id() {
        return "aws.s3.bucket-versioning-enabled";
    }

    @Override
    public String resourceType() {
        return "aws.s3.bucket";
    }

    @Override
    public String description() {
        return "Every S3 bucket keeps versions of its objects, so an overwritten or deleted object can be recovered.";
    }

    @Override
    public Verdict judge(Facts facts) {
        String bucket = facts.string("bucket");
        String versioning = facts.optionalString("versioning");
        if (versioning == null) {
            return Verdict.fail("bucket " + bucket + " has never had versioning enabled");
        }
        return switch (versioning) {
            case "Enabled" -> Verdict.pass("bucket " + bucket + " keeps object versions");
            case "Suspended" -> Verdict.fail("bucket " + bucket
                    + " has versioning suspended: overwrites and deletes no longer keep the earlier version");
            default -> Verdict.fail("bucket " + bucket + " has unrecognised versioning status '" + versioning + "'");
        };
    }
}
