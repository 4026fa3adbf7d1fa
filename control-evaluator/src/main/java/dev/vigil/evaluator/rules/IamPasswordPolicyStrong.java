package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/** The CIS AWS Foundations Benchmark's parameters: at least 14 characters, and the last 24 passwords not reused. */
@Singleton
public class IamPasswordPolicyStrong implements Rule {
    static final int MINIMUM_LENGTH = 14;
    static final int REUSE_HISTORY = 24;

    @Override
    public String id() {
        return "aws.iam.password-policy-strong";
    }

    @Override
    public String resourceType() {
        return "aws.iam.password-policy";
    }

    @Override
    public String description() {
        return "The AWS account's IAM password policy requires at least " + MINIMUM_LENGTH
                + " characters and prevents reuse of the last " + REUSE_HISTORY + " passwords.";
    }

    @Override
    public Verdict judge(Facts facts) {
        if (!facts.bool("configured")) {
            return Verdict.fail("the AWS account has no IAM password policy: any password AWS accepts is allowed");
        }
        int length = facts.integer("minimumLength");
        Integer history = nullableInteger(facts, "reuseHistory");
        List<String> weak = new ArrayList<>();
        if (length < MINIMUM_LENGTH) {
            weak.add("minimum length " + length + " (needs " + MINIMUM_LENGTH + ")");
        }
        if (history == null || history < REUSE_HISTORY) {
            weak.add((history == null ? "no reuse prevention" : "reuse prevention of " + history)
                    + " (needs " + REUSE_HISTORY + ")");
        }
        return weak.isEmpty()
                ? Verdict.pass("IAM password policy: minimum length " + length + ", last " + history + " not reused")
                : Verdict.fail("IAM password policy is weak: " + String.join(", ", weak));
    }

    /** A number that may be null when the policy leaves the parameter unset; a missing fact is still UNKNOWN. */
    private static Integer nullableInteger(Facts facts, String name) {
        return facts.values().containsKey(name) && facts.values().get(name) == null ? null : facts.integer(name);
    }
}
