package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Outcome;
import dev.vigil.evaluator.domain.Verdict;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The AWS Backup rules on facts shaped as the aws-backup collector publishes them (docs/evidence.md). */
class BackupRulesTest {
    private static final String DB = "arn:aws:rds:us-east-1:111122223333:db:acme-analytics-db";

    private static Map<String, Object> resource(String lastBackupAt, List<Map<String, Object>> failedJobs) {
        Map<String, Object> facts = new HashMap<>(Map.of("resourceArn", DB, "resourceType", "RDS",
                "resourceName", "acme-analytics-db", "region", "us-east-1", "observedAt", "2026-11-22T12:00:00Z",
                "failedJobsSince", "2026-11-21T12:00:00Z", "failedJobs", failedJobs));
        facts.put("lastBackupAt", lastBackupAt);
        facts.put("lastBackupVaultArn", null);
        return facts;
    }

    private static Map<String, Object> job(String id, String createdAt, String message) {
        Map<String, Object> job = new HashMap<>(Map.of("jobId", id, "createdAt", createdAt, "vaultName", "v"));
        job.put("statusMessage", message);
        return job;
    }

    private static Verdict judge(Map<String, Object> facts) {
        return new BackupResourceBackedUpDaily().evaluate(new Facts(facts));
    }

    @Test
    void aRecentSuccessfulBackupPasses() {
        assertThat(judge(resource("2026-11-22T07:00:00Z", List.of()))).isEqualTo(Verdict.pass(
                "RDS acme-analytics-db in us-east-1 was last backed up successfully at 2026-11-22T07:00:00Z"));
        // a job that failed before the last success was retried successfully
        assertThat(judge(resource("2026-11-22T07:00:00Z", List.of(job("j1", "2026-11-22T05:00:00Z", "x"))))
                .outcome()).isEqualTo(Outcome.PASS);
        // exactly 36 hours is still within a daily schedule's start window
        assertThat(judge(resource("2026-11-21T00:00:00Z", List.of())).outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void anOldBackupOrALatestFailedJobFails() {
        assertThat(judge(resource("2026-11-20T07:00:00Z", List.of()))).isEqualTo(Verdict.fail(
                "RDS acme-analytics-db in us-east-1: last backed up successfully at 2026-11-20T07:00:00Z, "
                        + "53 hours before it was observed"));
        assertThat(judge(resource("2026-11-22T07:00:00Z", List.of(job("j1", "2026-11-22T05:00:00Z", null),
                job("j2", "2026-11-22T09:00:00Z", "storage-full"))))).isEqualTo(Verdict.fail(
                "RDS acme-analytics-db in us-east-1: its latest backup job j2 failed at 2026-11-22T09:00:00Z "
                        + "(storage-full)"));
        Map<String, Object> never = resource(null, List.of(job("j3", "2026-11-22T08:00:00Z", null)));
        never.put("resourceName", null);
        assertThat(judge(never)).isEqualTo(Verdict.fail("RDS " + DB + " in us-east-1: never backed up "
                + "successfully; its latest backup job j3 failed at 2026-11-22T08:00:00Z"));
    }

    @Test
    void missingOrMalformedTimesAreUnknown() {
        Map<String, Object> noObservation = resource("2026-11-22T07:00:00Z", List.of());
        noObservation.remove("observedAt");
        assertThat(judge(noObservation).outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(judge(resource("yesterday", List.of())).outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(judge(resource("2026-11-22T07:00:00Z", List.of(Map.of("jobId", "j")))).outcome())
                .isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void vaultsEncryptWithAKmsKey() {
        BackupVaultEncrypted rule = new BackupVaultEncrypted();
        Map<String, Object> vault = new HashMap<>(Map.of("name", "acme-backup-vault", "region", "us-east-1",
                "arn", "arn:aws:backup:us-east-1:111122223333:backup-vault:acme-backup-vault", "locked", false,
                "recoveryPoints", 66, "encryptionKeyArn", "arn:aws:kms:us-east-1:111122223333:key/k"));
        assertThat(rule.evaluate(new Facts(vault))).isEqualTo(Verdict.pass("backup vault acme-backup-vault in "
                + "us-east-1 encrypts its recovery points with KMS key arn:aws:kms:us-east-1:111122223333:key/k"));
        vault.put("encryptionKeyArn", null);
        assertThat(rule.evaluate(new Facts(vault))).isEqualTo(Verdict.fail(
                "backup vault acme-backup-vault in us-east-1 names no KMS key encrypting its recovery points"));
        vault.remove("encryptionKeyArn");
        assertThat(rule.evaluate(new Facts(vault)).outcome()).isEqualTo(Outcome.UNKNOWN);
    }
}
