package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

@Singleton
public class Ec2EbsEncryptionByDefault implements Rule {
    @Override
    public String id() {
        return "aws.ec2.ebs-encryption-by-default";
    }

    @Override
    public String resourceType() {
        return "aws.ec2.ebs-default-encryption";
    }

    @Override
    public String description() {
        return "Every region read encrypts new EBS volumes and snapshot copies by default.";
    }

    @Override
    public Verdict judge(Facts facts) {
        String region = facts.string("region");
        return facts.bool("enabled")
                ? Verdict.pass("EBS encryption by default is on in " + region)
                : Verdict.fail("EBS encryption by default is off in " + region + ": new volumes may be unencrypted");
    }
}
