package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

@Singleton
public class IamConsoleUserMfa implements Rule {
    @Override
    public String id() {
        return "aws.iam.console-user-mfa";
    }

    @Override
    public String resourceType() {
        return "aws.iam.user";
    }

    @Override
    public String description() {
        return "Every IAM user who can sign in to the AWS console has an MFA device.";
    }

    @Override
    public Verdict judge(Facts facts) {
        String user = facts.string("user");
        if (!facts.bool("consoleAccess")) {
            return Verdict.notApplicable("IAM user " + user + " has no console password");
        }
        return facts.bool("mfaActive")
                ? Verdict.pass("IAM user " + user + " signs in to the console with MFA")
                : Verdict.fail("IAM user " + user + " can sign in to the AWS console without MFA");
    }
}
