package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Only the account's own administrators may delete a vault's backups. Without a vault access policy, anyone in the
 * account whose IAM policies allow {@code backup:DeleteRecoveryPoint} (every administrator, and whoever steals
 * their keys) can delete every backup; a policy denying deletion to every principal stops that, and Vault Lock stops
 * it even for those who could change the policy. A grant of deletion to a principal outside the account fails
 * whatever else the policy says: backups must not be deletable by another organisation.
 */
@Singleton
public class BackupVaultDeletionRestricted implements Rule {
    @Override
    public String id() {
        return "aws.backup.vault-deletion-restricted";
    }

    @Override
    public String resourceType() {
        return "aws.backup.vault-access-policy";
    }

    @Override
    public String description() {
        return "No principal outside the account may delete an AWS Backup vault's recovery points or the vault, and "
                + "the vault is locked or its access policy denies deleting recovery points to every principal.";
    }

    @Override
    public Verdict judge(Facts facts) {
        String vault = "backup vault " + facts.string("vault") + " in " + facts.string("region");
        List<String> external = facts.list("externalDeletionGrants").stream().map(String::valueOf).toList();
        boolean policy = facts.bool("accessPolicy");
        boolean denied = facts.bool("deletionDeniedToEveryone");
        boolean locked = facts.bool("locked");
        List<String> exempt = facts.list("deletionDenialExemptions").stream().map(String::valueOf).toList();
        if (!external.isEmpty()) {
            return Verdict.fail(vault + "'s access policy lets principals outside account " + facts.string("accountId")
                    + " delete its backups: " + String.join("; ", external));
        }
        if (locked) {
            return Verdict.pass(vault + " is locked (Vault Lock): its recovery points cannot be deleted before "
                    + "their retention ends" + (denied ? ", and its access policy denies deleting them" : ""));
        }
        if (denied) {
            return Verdict.pass(vault + "'s access policy denies every principal deleting its recovery points"
                    + (exempt.isEmpty() ? "" : " except " + String.join(", ", exempt)));
        }
        return Verdict.fail(policy
                ? vault + "'s access policy does not deny deleting its recovery points (backup:DeleteRecoveryPoint "
                        + "and backup:UpdateRecoveryPointLifecycle to every principal), and the vault is not locked"
                : vault + " has no access policy and is not locked: anyone in the account allowed "
                        + "backup:DeleteRecoveryPoint can delete its recovery points");
    }
}
