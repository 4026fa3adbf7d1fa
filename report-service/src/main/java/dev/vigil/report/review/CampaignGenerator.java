package dev.vigil.report.review;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Generates a campaign's items from the collected accounts, and tells which of them a later collection still shows.
 * Pure: the accounts come from the evaluator through an adapter.
 */
public final class CampaignGenerator {
    private static final Set<String> IDENTITY_PROVIDERS = Set.of("okta.user", "entra.user", "google.user");

    private CampaignGenerator() {
    }

    /** One item to review: the access and who reviews it. */
    public record Draft(Access access, Reviewers.Assigned reviewer) {
    }

    /**
     * Every access the control reviews, once each, ordered by system, account and privilege, each with its
     * reviewer. The manager comes from the identity provider's profile ({@code manager}, an address) of the person
     * the account is attributed to, when the collectors read one.
     */
    public static List<Draft> generate(ReviewScope scope, List<CollectedAccount> accounts, Reviewers reviewers) {
        Map<String, String> managers = managers(accounts);
        Map<String, Access> byKey = new LinkedHashMap<>();
        for (CollectedAccount account : accounts) {
            for (Access access : scope.accessOf(account)) {
                String person = access.person() == null ? null : access.person().toLowerCase(Locale.ROOT);
                byKey.putIfAbsent(access.accessKey(), person == null ? access : access.withManager(managers.get(person)));
            }
        }
        List<Draft> drafts = new ArrayList<>();
        byKey.values().stream()
                .sorted(Comparator.comparing(Access::system).thenComparing(a -> String.valueOf(a.account()))
                        .thenComparing(Access::privilege))
                .forEach(a -> drafts.add(new Draft(a, reviewers.assign(a))));
        return drafts;
    }

    /** The access keys the collected accounts show now: a requested revoke is confirmed once its key is absent. */
    public static Set<String> currentAccess(ReviewScope scope, List<CollectedAccount> accounts) {
        return accounts.stream().flatMap(a -> scope.accessOf(a).stream()).map(Access::accessKey)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static Map<String, String> managers(List<CollectedAccount> accounts) {
        Map<String, String> managers = new HashMap<>();
        for (CollectedAccount a : accounts) {
            String email = a.text("email");
            String manager = a.text("manager");
            if (IDENTITY_PROVIDERS.contains(a.resourceType()) && email != null && manager != null) {
                managers.putIfAbsent(email.toLowerCase(Locale.ROOT), manager.toLowerCase(Locale.ROOT));
            }
        }
        return managers;
    }
}
