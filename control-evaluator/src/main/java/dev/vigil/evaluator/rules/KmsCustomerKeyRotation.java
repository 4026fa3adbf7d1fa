package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

@Singleton
public class KmsCustomerKeyRotation implements Rule {
    @Override
    public String id() {
        return "aws.kms.customer-key-rotation";
    }

    @Override
    public String resourceType() {
        return "aws.kms.key";
    }

    @Override
    public String description() {
        return "Every enabled, symmetric, customer-managed KMS key rotates its key material automatically.";
    }

    @Override
    public Verdict judge(Facts facts) {
        String description = facts.optionalString("description");
        String name = "KMS key " + facts.string("keyId") + (description == null ? "" : " (" + description + ")")
                + " in " + facts.string("region");
        return facts.bool("rotationEnabled")
                ? Verdict.pass(name + " rotates its key material automatically")
                : Verdict.fail(name + " never rotates its key material: automatic rotation is off");
    }
}
