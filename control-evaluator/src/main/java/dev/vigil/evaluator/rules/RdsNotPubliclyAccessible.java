package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

@Singleton
public class RdsNotPubliclyAccessible extends RdsInstanceRule {
    @Override
    public String id() {
        return "aws.rds.not-publicly-accessible";
    }

    @Override
    public String description() {
        return "No RDS database instance is publicly accessible (resolvable to a public IP address).";
    }

    @Override
    Verdict judgeInstance(Facts facts, String db) {
        return facts.bool("publiclyAccessible")
                ? Verdict.fail(db + " is publicly accessible: it can be reached directly from the internet")
                : Verdict.pass(db + " is reachable only from inside its network");
    }
}
