package dev.vigil.collector.github;

import org.kohsuke.github.GHBranchProtection;
import org.kohsuke.github.GHRepository;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A repository's default branch and its protection settings as facts. */
public final class BranchProtectionFacts {
    private BranchProtectionFacts() {
    }

    /**
     * @param protection the branch's protection, or null when GitHub reports the branch as not protected
     */
    public static Map<String, Object> of(GHRepository repo, String branch, boolean isProtected,
                                         GHBranchProtection protection) {
        if (isProtected && protection == null) {
            throw new IllegalArgumentException("a protected branch needs its protection settings");
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("repository", repo.getFullName());
        facts.put("branch", branch);
        facts.put("archived", repo.isArchived());
        facts.put("visibility", visibility(repo));
        facts.put("protected", isProtected);
        GHBranchProtection.RequiredReviews reviews = protection == null ? null : protection.getRequiredReviews();
        facts.put("requiredApprovingReviewCount", reviews == null ? 0 : reviews.getRequiredReviewers());
        facts.put("dismissStaleReviews", reviews != null && reviews.isDismissStaleReviews());
        facts.put("requireCodeOwnerReviews", reviews != null && reviews.isRequireCodeOwnerReviews());
        facts.put("enforceAdmins", protection != null && protection.getEnforceAdmins() != null
                && protection.getEnforceAdmins().isEnabled());
        // Without protection GitHub allows both: the facts say so rather than defaulting to the safe value.
        facts.put("allowForcePushes", protection == null || protection.getAllowForcePushes() != null
                && protection.getAllowForcePushes().isEnabled());
        facts.put("allowDeletions", protection == null || protection.getAllowDeletions() != null
                && protection.getAllowDeletions().isEnabled());
        GHBranchProtection.RequiredStatusChecks checks = protection == null ? null : protection.getRequiredStatusChecks();
        facts.put("requiredStatusChecks", checks == null || checks.getContexts() == null
                ? List.of() : new ArrayList<>(checks.getContexts()));
        return facts;
    }

    private static String visibility(GHRepository repo) {
        GHRepository.Visibility v = repo.getVisibility();
        if (v == null || v == GHRepository.Visibility.UNKNOWN) {
            return repo.isPrivate() ? "private" : "public";
        }
        return v.name().toLowerCase(Locale.ROOT);
    }
}
