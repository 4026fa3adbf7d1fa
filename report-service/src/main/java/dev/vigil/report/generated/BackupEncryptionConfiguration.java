package dev.vigil.report.generated;

import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * BDR-09's backup encryption settings: for each RDS instance, whether its storage (and so its automated backups and
 * snapshots) is encrypted and with which KMS key; for each AWS Backup vault, the KMS key encrypting its recovery
 * points. Both services encrypt with AES-256 under the named KMS key, as AWS documents them; Vigil reads which key.
 */
@Singleton
public class BackupEncryptionConfiguration implements DocumentGenerator {
    static final String RDS_INSTANCE = "aws.rds.instance";
    static final String BACKUP_VAULT = "aws.backup.vault";

    @Override
    public String controlId() {
        return "BDR-09";
    }

    @Override
    public String documentType() {
        return "backup-encryption-configuration";
    }

    @Override
    public List<String> resourceTypes() {
        return List.of(RDS_INSTANCE, BACKUP_VAULT);
    }

    @Override
    public String describes() {
        return "The encryption of every backup AWS keeps: each RDS instance's storage encryption (which covers its "
                + "automated backups and snapshots) and each AWS Backup vault's, with the KMS key that manages it. "
                + "Both services encrypt with AES-256 under that key (AWS KMS).";
    }

    @Override
    public List<Map<String, Object>> entries(SourceData data) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (SourceResource db : data.of(RDS_INSTANCE)) {
            boolean encrypted = Boolean.TRUE.equals(db.fact("storageEncrypted"));
            out.add(Entry.of("account", Entry.awsAccount(db)).with("region", db.text("region"))
                    .with("backupOf", "rds:" + db.text("identifier") + " (" + db.text("engine") + ")")
                    .with("encrypted", db.fact("storageEncrypted"))
                    .with("keyManagement", encrypted ? "AWS KMS" : null)
                    .with("key", encrypted ? db.text("kmsKeyId") : null).from(db));
        }
        for (SourceResource vault : data.of(BACKUP_VAULT)) {
            String key = vault.text("encryptionKeyArn");
            out.add(Entry.of("account", Entry.awsAccount(vault)).with("region", vault.text("region"))
                    .with("backupOf", "backup vault:" + vault.text("name"))
                    .with("encrypted", key != null)
                    .with("keyManagement", key != null ? "AWS KMS" : null)
                    .with("key", key).from(vault));
        }
        return out;
    }
}
