package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;

/** Base for rules over one RDS database instance ({@code aws.rds.instance}). */
abstract class RdsInstanceRule implements Rule {
    @Override
    public String resourceType() {
        return "aws.rds.instance";
    }

    @Override
    public final Verdict judge(Facts facts) {
        return judgeInstance(facts, "RDS instance " + facts.string("identifier") + " in " + facts.string("region"));
    }

    /** {@code db} reads "RDS instance acme-prod-db in us-east-1". */
    abstract Verdict judgeInstance(Facts facts, String db);
}
