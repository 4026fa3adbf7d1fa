package dev.vigil.collector.github;

import org.kohsuke.github.GHBranchProtection;
import org.kohsuke.github.GHRepository;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A repository's default branch and how it is protected, as facts: classic branch protection and the rules of
 * rulesets merged, so a branch that rulesets alone protect is protected. Each setting takes the stricter of the
 * two (GitHub enforces both).
 */
public final class BranchProtectionFacts {
    private BranchProtectionFacts() {
    }

    /** Classic branch protection only (no ruleset applies to the branch). */
    public static Map<String, Object> of(GHRepository repo, String branch, boolean isProtected,
                                         GHBranchProtection protection) {
        return of(repo, branch, isProtected, protection, BranchRules.NONE);
    }

    /**
     * @param isProtected whether classic branch protection covers the branch
     * @param protection  the branch's classic protection, or null when GitHub reports the branch as not protected
     * @param rules       what rulesets enforce on the branch
     */
    static Map<String, Object> of(GHRepository repo, String branch, boolean isProtected,
                                  GHBranchProtection protection, BranchRules rules) {
        if (isProtected && protection == null) {
            throw new IllegalArgumentException("a protected branch needs its protection settings");
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("repository", repo.getFullName());
        facts.put("branch", branch);
        facts.put("archived", repo.isArchived());
        facts.put("visibility", visibility(repo));
        facts.put("protected", isProtected || rules.protects());
        List<String> by = new ArrayList<>();
        if (isProtected) {
            by.add("branch_protection");
        }
        if (rules.protects()) {
            by.add("rulesets");
        }
        facts.put("protectedBy", by);
        GHBranchProtection.RequiredReviews reviews = protection == null ? null : protection.getRequiredReviews();
        facts.put("requiredApprovingReviewCount", Math.max(reviews == null ? 0 : reviews.getRequiredReviewers(),
                rules.requiredApprovingReviewCount()));
        facts.put("dismissStaleReviews", reviews != null && reviews.isDismissStaleReviews() || rules.dismissStaleReviews());
        facts.put("requireCodeOwnerReviews", reviews != null && reviews.isRequireCodeOwnerReviews()
                || rules.requireCodeOwnerReviews());
        facts.put("enforceAdmins", enforceAdmins(protection, rules));
        // Without protection GitHub allows both: the facts say so rather than defaulting to the safe value.
        facts.put("allowForcePushes", !rules.blocksForcePushes() && (protection == null
                || protection.getAllowForcePushes() != null && protection.getAllowForcePushes().isEnabled()));
        facts.put("allowDeletions", !rules.blocksDeletion() && (protection == null
                || protection.getAllowDeletions() != null && protection.getAllowDeletions().isEnabled()));
        GHBranchProtection.RequiredStatusChecks checks = protection == null ? null : protection.getRequiredStatusChecks();
        Set<String> contexts = new LinkedHashSet<>();
        if (checks != null && checks.getContexts() != null) {
            contexts.addAll(checks.getContexts());
        }
        contexts.addAll(rules.requiredStatusChecks());
        facts.put("requiredStatusChecks", new ArrayList<>(contexts));
        return facts;
    }

    /**
     * Classic protection that includes administrators binds them; otherwise rulesets bind them when no admin may
     * bypass them. Null (unknown) when only rulesets protect and their bypass lists could not be read.
     */
    private static Boolean enforceAdmins(GHBranchProtection protection, BranchRules rules) {
        boolean classic = protection != null && protection.getEnforceAdmins() != null
                && protection.getEnforceAdmins().isEnabled();
        if (classic || !rules.protects()) {
            return classic;
        }
        return rules.adminsBound();
    }

    private static String visibility(GHRepository repo) {
        GHRepository.Visibility v = repo.getVisibility();
        if (v == null || v == GHRepository.Visibility.UNKNOWN) {
            return repo.isPrivate() ? "private" : "public";
        }
        return v.name().toLowerCase(Locale.ROOT);
    }
}
