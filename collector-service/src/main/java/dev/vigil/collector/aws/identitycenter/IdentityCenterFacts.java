package dev.vigil.collector.aws.identitycenter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An IAM Identity Center user as facts: who it is (user name, e-mail addresses), whether it can sign in, and the
 * AWS accounts it reaches, directly or through a group, with which permission set. Pure.
 */
final class IdentityCenterFacts {
    private IdentityCenterFacts() {
    }

    /** One e-mail address of a user, as the identity store keeps it. */
    record Email(String value, boolean primary) {
    }

    /**
     * Access to one account with one permission set.
     *
     * @param via {@code user} for a direct assignment, or {@code group:<name>} for one through a group
     */
    record Assignment(String accountId, String permissionSet, String via) {
    }

    /**
     * @param status       {@code ENABLED} or {@code DISABLED} (null when the identity store does not say: enabled)
     * @param groups       the names of the groups the user belongs to
     * @param assignments  the account assignments made to the user and to its groups
     */
    static Map<String, Object> user(String identityStoreId, String userId, String userName, String displayName,
                                    List<Email> emails, String status, List<String> groups,
                                    List<Assignment> assignments) {
        boolean enabled = status == null || !status.equalsIgnoreCase("DISABLED");
        List<Assignment> sorted = assignments.stream().distinct()
                .sorted(Comparator.comparing(Assignment::accountId).thenComparing(Assignment::permissionSet)
                        .thenComparing(Assignment::via)).toList();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("identityStoreId", identityStoreId);
        facts.put("userId", userId);
        facts.put("userName", userName);
        facts.put("displayName", displayName);
        facts.put("email", email(emails));
        facts.put("emails", emails.stream().map(e -> e.value().toLowerCase(Locale.ROOT)).distinct().toList());
        facts.put("status", status == null ? "ENABLED" : status.toUpperCase(Locale.ROOT));
        facts.put("groups", groups.stream().sorted().toList());
        List<Map<String, Object>> access = new ArrayList<>();
        for (Assignment a : sorted) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("accountId", a.accountId());
            m.put("permissionSet", a.permissionSet());
            m.put("via", a.via());
            access.add(m);
        }
        facts.put("accountAssignments", access);
        // can reach an AWS account now: signs in, and is assigned to at least one
        facts.put("active", enabled && !sorted.isEmpty());
        return facts;
    }

    /** The primary address, else the first; lower case; null when there is none. */
    static String email(List<Email> emails) {
        return emails.stream().filter(Email::primary).findFirst()
                .or(() -> emails.stream().findFirst())
                .map(e -> e.value().toLowerCase(Locale.ROOT)).orElse(null);
    }
}
