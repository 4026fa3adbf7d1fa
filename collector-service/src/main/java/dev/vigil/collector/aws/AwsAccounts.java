package dev.vigil.collector.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which AWS accounts a collection reads (plain data, no I/O): the collector's own account with its own credentials,
 * every configured role ({@code vigil.aws.accounts}), and, when AWS Organizations is walked, the configured role in
 * every active member account. Each account is read once, the first way it is named.
 */
public final class AwsAccounts {
    /** The permission a role's trust policy and the collector's identity must grant; never part of the read-only policy. */
    public static final String ASSUME_ROLE = "sts:AssumeRole";
    public static final String LIST_ACCOUNTS = "organizations:ListAccounts";
    private static final Pattern ROLE_ARN = Pattern.compile("arn:(aws[a-z-]*):iam::(\\d{12}):role/.+");

    private AwsAccounts() {
    }

    /**
     * One account to read.
     *
     * @param roleArn    null for the collector's own account (its own credentials)
     * @param externalId the external id the role's trust policy asks for, or null
     */
    public record Target(String accountId, String roleArn, String externalId) {
        public boolean own() {
            return roleArn == null;
        }
    }

    /** A configured role to assume. */
    public record Role(String roleArn, String externalId) {
    }

    /** An account AWS Organizations lists. */
    public record Member(String accountId, String status) {
    }

    /** The account id of a role ARN ({@code arn:aws:iam::<account>:role/<name>}), or empty when it is not one. */
    public static Optional<String> accountOf(String roleArn) {
        Matcher m = ROLE_ARN.matcher(roleArn == null ? "" : roleArn.trim());
        return m.matches() ? Optional.of(m.group(2)) : Optional.empty();
    }

    /**
     * @param own          the collector's own account ({@code vigil.aws.account-id})
     * @param roles            configured roles (each must be an IAM role ARN)
     * @param members          the organisation's accounts (empty when Organizations is not walked)
     * @param memberRole       the role name assumed in each active member account
     * @param memberExternalId the external id for those roles, or null
     * @param partition        the partition of the member accounts' role ARNs
     */
    public static List<Target> resolve(String own, List<Role> roles, List<Member> members, String memberRole,
                                       String memberExternalId, String partition) {
        Map<String, Target> targets = new LinkedHashMap<>();
        targets.put(own, new Target(own, null, null));
        for (Role role : roles) {
            String account = accountOf(role.roleArn()).orElseThrow(() -> new IllegalArgumentException(
                    "vigil.aws.accounts: not an IAM role ARN: " + role.roleArn()));
            targets.putIfAbsent(account, new Target(account, role.roleArn().trim(), blankToNull(role.externalId())));
        }
        for (Member member : members) {
            // A suspended account cannot be read, and a role cannot be assumed in a closed one.
            if ("ACTIVE".equals(member.status())) {
                targets.putIfAbsent(member.accountId(), new Target(member.accountId(),
                        "arn:" + partition + ":iam::" + member.accountId() + ":role/" + memberRole,
                        blankToNull(memberExternalId)));
            }
        }
        return new ArrayList<>(targets.values());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
