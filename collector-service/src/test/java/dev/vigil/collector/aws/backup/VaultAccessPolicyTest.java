package dev.vigil.collector.aws.backup;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a vault access policy is read for who may delete the vault's backups. */
class VaultAccessPolicyTest {
    private static final String ACCOUNT = "111122223333";

    private static VaultAccessPolicy read(String statements) {
        return VaultAccessPolicy.read("v", ACCOUNT, "{\"Version\":\"2012-10-17\",\"Statement\":" + statements + "}");
    }

    private static String deny(String actions, String extra) {
        return "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":" + actions + ",\"Resource\":\"*\"" + extra + "}";
    }

    @Test
    void aDenyOfBothDeletingActionsToEveryoneCounts() {
        VaultAccessPolicy p = read("[" + deny("[\"backup:DeleteRecoveryPoint\",\"backup:UpdateRecoveryPointLifecycle\"]",
                "") + "]");
        assertThat(p.deletionDeniedToEveryone()).isTrue();
        assertThat(p.exemptions()).isEmpty();
        // wildcards as IAM reads them, in any case
        assertThat(read(deny("\"backup:*\"", "")).deletionDeniedToEveryone()).isTrue();
        assertThat(read(deny("[\"Backup:Delete*\",\"backup:UpdateRecoveryPoint*\"]", "")).deletionDeniedToEveryone())
                .isTrue();
    }

    @Test
    void aDenyThatLeavesLifecycleShorteningOpenOrNarrowsItselfDoesNotCount() {
        assertThat(read(deny("\"backup:DeleteRecoveryPoint\"", "")).deletionDeniedToEveryone()).isFalse();
        assertThat(read("{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:role/Dev\"},"
                + "\"Action\":\"backup:*\",\"Resource\":\"*\"}").deletionDeniedToEveryone()).isFalse();
        assertThat(read(deny("\"backup:*\"", ",\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"false\"}}"))
                .deletionDeniedToEveryone()).isFalse();
        assertThat(read("{\"Effect\":\"Deny\",\"Principal\":\"*\",\"NotAction\":\"backup:List*\",\"Resource\":\"*\"}")
                .deletionDeniedToEveryone()).isFalse();
        assertThat(read("{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"backup:*\","
                + "\"Resource\":\"arn:aws:backup:us-east-1:111122223333:recovery-point:*\"}").deletionDeniedToEveryone())
                .isFalse();
    }

    @Test
    void aBreakGlassExemptionByPrincipalArnIsListed() {
        VaultAccessPolicy p = read(deny("\"backup:*\"", ",\"Condition\":{\"ArnNotLike\":{\"AWS:PrincipalArn\":["
                + "\"arn:aws:iam::111122223333:role/BreakGlass\",\"arn:aws:iam::111122223333:role/Restore\"]}}"));
        assertThat(p.deletionDeniedToEveryone()).isTrue();
        assertThat(p.exemptions()).containsExactly("arn:aws:iam::111122223333:role/BreakGlass",
                "arn:aws:iam::111122223333:role/Restore");
    }

    @Test
    void deletionGrantedOutsideTheAccountIsListedWhateverItsConditions() {
        VaultAccessPolicy p = read("[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"999988887777\","
                + "\"arn:aws:iam::111122223333:role/Ops\"]},\"Action\":\"backup:DeleteRecoveryPoint\",\"Resource\":\"*\"},"
                + "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"backup:DeleteBackupVault\",\"Resource\":\"*\","
                + "\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-abc\"}}},"
                + "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::444455556666:root\"},"
                + "\"Action\":\"backup:CopyIntoBackupVault\",\"Resource\":\"*\"}]");
        assertThat(p.externalDeletionGrants()).containsExactly("*: backup:DeleteBackupVault",
                "999988887777: backup:DeleteRecoveryPoint");
        assertThat(p.deletionDeniedToEveryone()).isFalse();
    }

    @Test
    void aPolicyThatIsNotJsonIsAnError() {
        assertThatThrownBy(() -> VaultAccessPolicy.read("v", ACCOUNT, "not json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("access policy of vault v");
    }
}
