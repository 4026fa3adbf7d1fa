package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

import java.util.List;

@Singleton
public class S3AccountPublicAccessBlocked implements Rule {
    @Override
    public String id() {
        return "aws.s3.account-public-access-blocked";
    }

    @Override
    public String resourceType() {
        return "aws.s3.account";
    }

    @Override
    public String description() {
        return "The AWS account blocks public access to S3 for every bucket, present and future (all four settings on).";
    }

    @Override
    public Verdict judge(Facts facts) {
        String account = "account " + facts.string("accountId");
        Facts block = facts.optionalFacts("publicAccessBlock");
        if (block == null) {
            return Verdict.fail(account + " has no S3 public access block: each bucket decides alone");
        }
        List<String> off = S3PublicAccessBlock.off(block);
        return off.isEmpty()
                ? Verdict.pass(account + " blocks all public access to S3")
                : Verdict.fail(account + "'s S3 public access block leaves " + String.join(", ", off) + " off");
    }
}
