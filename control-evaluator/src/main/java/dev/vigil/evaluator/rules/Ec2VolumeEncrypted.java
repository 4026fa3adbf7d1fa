package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

@Singleton
public class Ec2VolumeEncrypted implements Rule {
    @Override
    public String id() {
        return "aws.ec2.volume-encrypted";
    }

    @Override
    public String resourceType() {
        return "aws.ec2.volume";
    }

    @Override
    public String description() {
        return "Every EBS volume is encrypted at rest.";
    }

    @Override
    public Verdict judge(Facts facts) {
        String where = "EBS volume " + facts.string("volumeId") + " in " + facts.string("region");
        if ("deleted".equals(facts.optionalString("state"))) {
            return Verdict.notApplicable(where + " is deleted");
        }
        return facts.bool("encrypted")
                ? Verdict.pass(where + " is encrypted")
                : Verdict.fail(where + " is not encrypted");
    }
}
