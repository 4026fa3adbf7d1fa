package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

import java.util.Set;

@Singleton
public class S3DefaultEncryption implements Rule {
    private static final Set<String> AT_REST = Set.of("AES256", "aws:kms", "aws:kms:dsse");

    @Override
    public String id() {
        return "aws.s3.default-encryption";
    }

    @Override
    public String resourceType() {
        return "aws.s3.bucket";
    }

    @Override
    public String description() {
        return "Every S3 bucket encrypts new objects at rest by default (SSE-S3, SSE-KMS or DSSE-KMS).";
    }

    @Override
    public Verdict judge(Facts facts) {
        String bucket = facts.string("bucket");
        String algorithm = facts.optionalString("defaultEncryption");
        if (algorithm == null) {
            return Verdict.fail("bucket " + bucket + " has no default encryption configured");
        }
        if (!AT_REST.contains(algorithm)) {
            return Verdict.fail("bucket " + bucket + " uses unrecognised default encryption '" + algorithm + "'");
        }
        return Verdict.pass("bucket " + bucket + " encrypts by default with " + algorithm);
    }
}
