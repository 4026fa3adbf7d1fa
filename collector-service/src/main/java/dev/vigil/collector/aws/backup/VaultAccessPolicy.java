package dev.vigil.collector.aws.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static dev.vigil.collector.aws.PolicyValues.strings;
import static dev.vigil.collector.aws.PolicyValues.values;

/**
 * What a backup vault's access policy says about deleting its backups, read the way IAM reads a resource policy.
 * <ul>
 *   <li>{@link #deletionDeniedToEveryone}: one Deny statement covers every principal ({@code "*"}), every resource
 *   ({@code "*"}: recovery points of EBS, RDS or EC2 carry those services' ARNs, not the vault's) and both
 *   {@code backup:DeleteRecoveryPoint} and {@code backup:UpdateRecoveryPointLifecycle} (shortening a lifecycle
 *   expires recovery points: deletion by another name). Its only condition may exempt named principals by
 *   {@code aws:PrincipalArn} (the break-glass pattern AWS documents); those are listed in {@link #exemptions}. A
 *   statement with NotPrincipal, NotAction, NotResource or any other condition denies less and is not counted: the
 *   reading errs towards "not denied".</li>
 *   <li>{@link #externalDeletionGrants}: every Allow statement that lets a principal outside the vault's account
 *   ({@code "*"}, another account's id or ARN) delete recovery points or the vault, conditions or not: the reading
 *   errs towards "granted".</li>
 * </ul>
 */
record VaultAccessPolicy(boolean deletionDeniedToEveryone, List<String> exemptions,
                         List<String> externalDeletionGrants) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The actions a deny must cover for the vault's backups not to be deletable. */
    static final List<String> DELETION_ACTIONS = List.of("backup:DeleteRecoveryPoint",
            "backup:UpdateRecoveryPointLifecycle");
    /** Actions that delete backups, or the vault with them, when granted to someone outside the account. */
    private static final List<String> DELETING = List.of("backup:DeleteRecoveryPoint",
            "backup:UpdateRecoveryPointLifecycle", "backup:DeleteBackupVault");
    private static final Set<String> EXEMPTING_OPERATORS = Set.of("StringNotEquals", "StringNotLike", "ArnNotEquals",
            "ArnNotLike");

    /** @throws IllegalArgumentException when {@code policy} is not a JSON object */
    static VaultAccessPolicy read(String vault, String accountId, String policy) {
        JsonNode root;
        try {
            root = JSON.readTree(policy);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("access policy of vault " + vault + " is not JSON: "
                    + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("access policy of vault " + vault + " is not a JSON object");
        }
        boolean denied = false;
        Set<String> exemptions = new TreeSet<>();
        Set<String> grants = new TreeSet<>();
        for (JsonNode s : values(root.get("Statement"))) {
            if (!s.isObject()) {
                continue;
            }
            String effect = s.path("Effect").asText();
            if ("Deny".equals(effect)) {
                List<String> exempted = deniesDeletionToEveryone(s);
                if (exempted != null) {
                    denied = true;
                    exemptions.addAll(exempted);
                }
            } else if ("Allow".equals(effect)) {
                grants.addAll(externalDeletionGrants(s, accountId));
            }
        }
        return new VaultAccessPolicy(denied, List.copyOf(exemptions), List.copyOf(grants));
    }

    /** The principals exempted (empty: none), or null when the statement does not deny deletion to everyone. */
    private static List<String> deniesDeletionToEveryone(JsonNode s) {
        if (s.has("NotAction") || s.has("NotPrincipal") || s.has("NotResource")
                || !everyone(s.get("Principal")) || !strings(s.get("Resource")).contains("*")) {
            return null;
        }
        List<String> actions = strings(s.get("Action"));
        if (!DELETION_ACTIONS.stream().allMatch(a -> covers(actions, a))) {
            return null;
        }
        return exemptedPrincipals(s.get("Condition"));
    }

    /**
     * No condition: nobody exempted. One negated string or ARN operator on {@code aws:PrincipalArn} alone: the
     * principals it names are exempted. Anything else: null (the deny is narrower than we can vouch for).
     */
    private static List<String> exemptedPrincipals(JsonNode condition) {
        if (condition == null || condition.isNull()) {
            return List.of();
        }
        if (!condition.isObject() || condition.size() != 1) {
            return null;
        }
        Map.Entry<String, JsonNode> operator = condition.fields().next();
        JsonNode keys = operator.getValue();
        if (!EXEMPTING_OPERATORS.contains(operator.getKey()) || !keys.isObject() || keys.size() != 1) {
            return null;
        }
        Map.Entry<String, JsonNode> key = keys.fields().next();
        // condition keys are case-insensitive in IAM
        return "aws:principalarn".equalsIgnoreCase(key.getKey()) ? strings(key.getValue()) : null;
    }

    private static List<String> externalDeletionGrants(JsonNode s, String accountId) {
        List<String> actions = s.has("NotAction") ? List.of("*") : strings(s.get("Action"));
        List<String> deleting = DELETING.stream().filter(a -> covers(actions, a)).toList();
        if (deleting.isEmpty()) {
            return List.of();
        }
        List<String> grants = new ArrayList<>();
        for (String principal : awsPrincipals(s)) {
            if (!inAccount(principal, accountId)) {
                grants.add(principal + ": " + String.join(", ", deleting));
            }
        }
        return grants;
    }

    /** The AWS principals an Allow names ({@code "*"} for everyone, and for NotPrincipal: all but a few). */
    private static List<String> awsPrincipals(JsonNode s) {
        if (s.has("NotPrincipal")) {
            return List.of("*");
        }
        JsonNode principal = s.get("Principal");
        if (principal == null) {
            return List.of();
        }
        if (principal.isTextual()) {
            return List.of(principal.asText());
        }
        return strings(principal.get("AWS"));
    }

    /** An account id or an ARN of {@code accountId}; {@code "*"} and other accounts are outside. */
    private static boolean inAccount(String principal, String accountId) {
        if (principal.equals(accountId)) {
            return true;
        }
        String[] arn = principal.split(":", 6);
        return arn.length == 6 && arn[0].equals("arn") && arn[4].equals(accountId);
    }

    private static boolean everyone(JsonNode principal) {
        if (principal == null) {
            return false;
        }
        if (principal.isTextual()) {
            return "*".equals(principal.asText());
        }
        return principal.isObject() && strings(principal.get("AWS")).contains("*");
    }

    /** Whether one of {@code actions} (IAM wildcards, case-insensitive) matches {@code action}. */
    static boolean covers(List<String> actions, String action) {
        String wanted = action.toLowerCase(Locale.ROOT);
        for (String a : actions) {
            String pattern = a.toLowerCase(Locale.ROOT);
            if (wanted.matches(glob(pattern))) {
                return true;
            }
        }
        return false;
    }

    private static String glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(java.util.regex.Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }
}
