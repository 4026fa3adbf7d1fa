package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

@Singleton
public class IamRootNoAccessKeys implements Rule {
    @Override
    public String id() {
        return "aws.iam.root-no-access-keys";
    }

    @Override
    public String resourceType() {
        return "aws.iam.root";
    }

    @Override
    public String description() {
        return "The AWS account's root user has no access keys, active or not.";
    }

    @Override
    public Verdict judge(Facts facts) {
        String arn = facts.string("arn");
        List<Map<?, ?>> keys = facts.list("accessKeys").stream()
                .filter(Map.class::isInstance).<Map<?, ?>>map(k -> (Map<?, ?>) k).toList();
        if (keys.isEmpty()) {
            return Verdict.pass("root user " + arn + " has no access keys");
        }
        long active = keys.stream().filter(k -> Boolean.TRUE.equals(k.get("active"))).count();
        return Verdict.fail("root user " + arn + " has " + keys.size() + " access key(s), " + active
                + " active: unrestricted programmatic access to the whole account");
    }
}
