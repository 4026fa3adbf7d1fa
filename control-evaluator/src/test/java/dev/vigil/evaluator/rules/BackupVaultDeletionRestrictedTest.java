package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Outcome;
import dev.vigil.evaluator.domain.Verdict;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** BDR-05's rule on facts shaped as aws-backup publishes a vault's access policy (docs/evidence.md). */
class BackupVaultDeletionRestrictedTest {
    private static Map<String, Object> vault(boolean locked, boolean policy, boolean denied, List<String> exempt,
                                             List<String> external) {
        Map<String, Object> facts = new HashMap<>(Map.of("vault", "acme-backup-vault",
                "vaultArn", "arn:aws:backup:us-east-1:111122223333:backup-vault:acme-backup-vault",
                "region", "us-east-1", "accountId", "111122223333", "locked", locked, "accessPolicy", policy,
                "deletionDeniedToEveryone", denied, "deletionDenialExemptions", exempt,
                "externalDeletionGrants", external));
        return facts;
    }

    private static Verdict judge(Map<String, Object> facts) {
        return new BackupVaultDeletionRestricted().evaluate(new Facts(facts));
    }

    @Test
    void aPolicyDenyingDeletionToEveryonePassesNamingWhomItSpares() {
        assertThat(judge(vault(false, true, true, List.of("arn:aws:iam::111122223333:role/BackupBreakGlass"),
                List.of()))).isEqualTo(Verdict.pass("backup vault acme-backup-vault in us-east-1's access policy "
                + "denies every principal deleting its recovery points except "
                + "arn:aws:iam::111122223333:role/BackupBreakGlass"));
        assertThat(judge(vault(false, true, true, List.of(), List.of())).reason()).endsWith("recovery points");
    }

    @Test
    void aLockedVaultPassesWithOrWithoutAPolicy() {
        assertThat(judge(vault(true, false, false, List.of(), List.of()))).isEqualTo(Verdict.pass(
                "backup vault acme-backup-vault in us-east-1 is locked (Vault Lock): its recovery points cannot be "
                        + "deleted before their retention ends"));
    }

    @Test
    void noPolicyOrAPolicyThatDeniesNothingFails() {
        assertThat(judge(vault(false, false, false, List.of(), List.of()))).isEqualTo(Verdict.fail(
                "backup vault acme-backup-vault in us-east-1 has no access policy and is not locked: anyone in the "
                        + "account allowed backup:DeleteRecoveryPoint can delete its recovery points"));
        assertThat(judge(vault(false, true, false, List.of(), List.of())).reason())
                .contains("access policy does not deny deleting its recovery points");
    }

    @Test
    void deletionGrantedOutsideTheAccountFailsEvenWhenLocked() {
        assertThat(judge(vault(true, true, true, List.of(), List.of(
                "arn:aws:iam::999988887777:role/VendorRestore: backup:DeleteRecoveryPoint")))).isEqualTo(Verdict.fail(
                "backup vault acme-backup-vault in us-east-1's access policy lets principals outside account "
                        + "111122223333 delete its backups: arn:aws:iam::999988887777:role/VendorRestore: "
                        + "backup:DeleteRecoveryPoint"));
    }

    @Test
    void aMissingFactIsUnknownNeverAPass() {
        Map<String, Object> facts = vault(true, true, true, List.of(), List.of());
        facts.remove("externalDeletionGrants");
        assertThat(judge(facts).outcome()).isEqualTo(Outcome.UNKNOWN);
    }
}
