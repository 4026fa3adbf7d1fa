package dev.vigil.collector.aws;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which accounts a collection reads, from the configuration and the organisation's account list. */
class AwsAccountsTest {
    private static final String OWN = "111122223333";

    @Test
    void theOwnAccountAloneWhenNothingElseIsConfigured() {
        assertThat(AwsAccounts.resolve(OWN, List.of(), List.of(), "VigilReadOnly", null, "aws"))
                .containsExactly(new AwsAccounts.Target(OWN, null, null));
    }

    @Test
    void configuredRolesThenActiveMembersEachAccountOnce() {
        List<AwsAccounts.Target> targets = AwsAccounts.resolve(OWN, List.of(
                        new AwsAccounts.Role(" arn:aws:iam::999988887777:role/Audit ", "ext-1"),
                        new AwsAccounts.Role("arn:aws:iam::999988887777:role/Other", null)),
                List.of(new AwsAccounts.Member(OWN, "ACTIVE"), new AwsAccounts.Member("444455556666", "ACTIVE"),
                        new AwsAccounts.Member("999988887777", "ACTIVE"),
                        new AwsAccounts.Member("777788889999", "SUSPENDED")),
                "VigilReadOnly", " ", "aws");

        // the own account keeps its own credentials; a configured role wins over the organisation's role name;
        // a suspended account is skipped; a blank external id is none
        assertThat(targets).containsExactly(new AwsAccounts.Target(OWN, null, null),
                new AwsAccounts.Target("999988887777", "arn:aws:iam::999988887777:role/Audit", "ext-1"),
                new AwsAccounts.Target("444455556666", "arn:aws:iam::444455556666:role/VigilReadOnly", null));
        assertThat(targets.get(0).own()).isTrue();
        assertThat(targets.get(2).own()).isFalse();
    }

    @Test
    void aRoleArnNamesItsAccount() {
        assertThat(AwsAccounts.accountOf("arn:aws-us-gov:iam::123456789012:role/path/Vigil")).contains("123456789012");
        assertThat(AwsAccounts.accountOf("arn:aws:iam::123456789012:user/alice")).isEmpty();
        assertThat(AwsAccounts.accountOf(null)).isEmpty();
        assertThatThrownBy(() -> AwsAccounts.resolve(OWN, List.of(new AwsAccounts.Role("VigilReadOnly", null)),
                List.of(), "VigilReadOnly", null, "aws")).hasMessage("vigil.aws.accounts: not an IAM role ARN: VigilReadOnly");
    }
}
