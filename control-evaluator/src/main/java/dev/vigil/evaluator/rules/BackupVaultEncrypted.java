package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

@Singleton
public class BackupVaultEncrypted implements Rule {
    @Override
    public String id() {
        return "aws.backup.vault-encrypted";
    }

    @Override
    public String resourceType() {
        return "aws.backup.vault";
    }

    @Override
    public String description() {
        return "Every AWS Backup vault encrypts the recovery points it holds with a KMS key.";
    }

    @Override
    public Verdict judge(Facts facts) {
        String name = "backup vault " + facts.string("name") + " in " + facts.string("region");
        String key = facts.optionalString("encryptionKeyArn");
        return key == null
                ? Verdict.fail(name + " names no KMS key encrypting its recovery points")
                : Verdict.pass(name + " encrypts its recovery points with KMS key " + key);
    }
}
