package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

@Singleton
public class IamRootMfaEnabled implements Rule {
    @Override
    public String id() {
        return "aws.iam.root-mfa-enabled";
    }

    @Override
    public String resourceType() {
        return "aws.iam.root";
    }

    @Override
    public String description() {
        return "The AWS account's root user signs in with multi-factor authentication.";
    }

    @Override
    public Verdict judge(Facts facts) {
        String arn = facts.string("arn");
        return facts.bool("mfaActive")
                ? Verdict.pass("root user " + arn + " has MFA enabled")
                : Verdict.fail("root user " + arn + " has no MFA device: its password alone opens the whole account");
    }
}
