package dev.vigil.collector.aws.backup;

import dev.vigil.collector.aws.CloudTrailFixtures;
import dev.vigil.collector.spi.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** EventBridge events of CloudTrail's AWS Backup calls (src/test/resources/BackupCloudTrailTargetsTest/). */
class BackupCloudTrailTargetsTest {
    @ParameterizedTest
    @CsvSource({
            "CreateBackupPlan.json, 111122223333/eu-west-1",
            "UpdateBackupPlan.json, 111122223333/eu-west-1",
            // the region's item lists its plans: read again, the deleted one is gone from it
            "DeleteBackupPlan.json, 444455556666/us-east-1",
            "CreateBackupVault.json, 111122223333/eu-west-1",
            "PutBackupVaultLockConfiguration.json, 111122223333/eu-west-1",
            "DeleteBackupVaultLockConfiguration.json, 111122223333/eu-west-1",
            // who may delete the vault's backups (BDR-05)
            "PutBackupVaultAccessPolicy.json, 111122223333/eu-west-1",
            "DeleteBackupVaultAccessPolicy.json, 111122223333/eu-west-1",
    })
    void eachBackupEventReadsItsRegion(String fixture, String region) throws Exception {
        assertThat(CloudTrailFixtures.map(getClass(), fixture).targets())
                .containsExactly(new Target("aws-backup", "region", region));
    }

    @Test
    void everyEventNameHasARecordedEventThatItReads() throws Exception {
        CloudTrailFixtures.everyEventNameIsRecordedAndRead(new BackupCloudTrailTargets(), getClass(),
                BackupCollector.NAME);
    }

    @Test
    void aDeletedVaultIsIgnored() throws Exception {
        CloudTrailFixtures.ignored(getClass(), "DeleteBackupVault.json", "cannot retire it");
    }
}
