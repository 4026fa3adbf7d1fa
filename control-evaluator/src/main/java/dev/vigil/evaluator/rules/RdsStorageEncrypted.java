package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

@Singleton
public class RdsStorageEncrypted extends RdsInstanceRule {
    @Override
    public String id() {
        return "aws.rds.storage-encrypted";
    }

    @Override
    public String description() {
        return "Every RDS database instance encrypts its storage, and so its automated backups and snapshots.";
    }

    @Override
    Verdict judgeInstance(Facts facts, String db) {
        return facts.bool("storageEncrypted")
                ? Verdict.pass(db + " encrypts its storage, backups and snapshots")
                : Verdict.fail(db + " does not encrypt its storage, backups or snapshots");
    }
}
