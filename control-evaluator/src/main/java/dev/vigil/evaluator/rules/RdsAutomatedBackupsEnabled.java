package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

@Singleton
public class RdsAutomatedBackupsEnabled extends RdsInstanceRule {
    @Override
    public String id() {
        return "aws.rds.automated-backups-enabled";
    }

    @Override
    public String description() {
        return "Every RDS database instance takes automated daily backups (a backup retention period of at least one day).";
    }

    @Override
    Verdict judgeInstance(Facts facts, String db) {
        int days = facts.integer("backupRetentionDays");
        return days >= 1
                ? Verdict.pass(db + " takes daily automated backups, kept " + days + " day(s)")
                : Verdict.fail(db + " has automated backups turned off (retention 0 days)");
    }
}
