package dev.vigil.collector.github;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules that rulesets enforce on one branch ({@code GET /repos/{o}/{r}/rules/branches/{branch}}: the
 * effective rules of every active ruleset, repository and organisation level), reduced to what branch
 * protection also says: required reviews, stale-review dismissal, code-owner review, status checks, force
 * pushes ({@code non_fast_forward}) and deletion, and whether administrators can bypass them.
 *
 * @param adminsBound whether the rulesets that supply these rules bind administrators: no bypass actor is an
 *                    organisation admin or the repository admin role; null when a ruleset's bypass list could not
 *                    be seen (GitHub shows it only to those who may edit the ruleset)
 */
record BranchRules(boolean protects, int requiredApprovingReviewCount, boolean dismissStaleReviews,
                   boolean requireCodeOwnerReviews, List<String> requiredStatusChecks, boolean blocksForcePushes,
                   boolean blocksDeletion, Boolean adminsBound) {

    static final BranchRules NONE = new BranchRules(false, 0, false, false, List.of(), false, false, true);
    /** GitHub's id of the repository admin role in ruleset bypass lists. */
    static final int REPOSITORY_ADMIN_ROLE = 5;
    private static final Set<String> PROTECTIVE = Set.of("pull_request", "required_status_checks",
            "non_fast_forward", "deletion");

    /**
     * @param rules    the effective rules, as GitHub lists them
     * @param rulesets each ruleset those rules come from, by {@link #rulesetRef}, as {@code GET .../rulesets/{id}}
     *                 answers it
     */
    static BranchRules of(List<JsonNode> rules, Map<String, JsonNode> rulesets) {
        boolean protects = false;
        int approvals = 0;
        boolean dismissStale = false;
        boolean codeOwners = false;
        Set<String> checks = new LinkedHashSet<>();
        boolean nonFastForward = false;
        boolean deletion = false;
        Boolean adminsBound = true;
        for (JsonNode rule : rules) {
            String type = rule.path("type").asText();
            if (!PROTECTIVE.contains(type)) {
                continue;
            }
            protects = true;
            JsonNode p = rule.path("parameters");
            switch (type) {
                case "pull_request" -> {
                    approvals = Math.max(approvals, p.path("required_approving_review_count").asInt(0));
                    dismissStale |= p.path("dismiss_stale_reviews_on_push").asBoolean(false);
                    codeOwners |= p.path("require_code_owner_review").asBoolean(false);
                }
                case "required_status_checks" -> p.path("required_status_checks")
                        .forEach(c -> checks.add(c.path("context").asText()));
                case "non_fast_forward" -> nonFastForward = true;
                default -> deletion = true;
            }
            Boolean binds = bindsAdmins(rulesets.get(rulesetRef(rule)));
            if (Boolean.FALSE.equals(binds)) {
                adminsBound = false; // one ruleset that admins can bypass is enough
            } else if (binds == null && Boolean.TRUE.equals(adminsBound)) {
                adminsBound = null;
            }
        }
        return new BranchRules(protects, approvals, dismissStale, codeOwners, new ArrayList<>(checks), nonFastForward,
                deletion, protects ? adminsBound : Boolean.TRUE);
    }

    /** Which ruleset a rule comes from: {@code Repository:42} or {@code Organization:7}. */
    static String rulesetRef(JsonNode rule) {
        return rule.path("ruleset_source_type").asText("Repository") + ":" + rule.path("ruleset_id").asLong();
    }

    private static Boolean bindsAdmins(JsonNode ruleset) {
        if (ruleset == null || !ruleset.has("bypass_actors")) {
            return null;
        }
        for (JsonNode actor : ruleset.get("bypass_actors")) {
            String type = actor.path("actor_type").asText();
            if (type.equals("OrganizationAdmin")
                    || type.equals("RepositoryRole") && actor.path("actor_id").asInt() == REPOSITORY_ADMIN_ROLE) {
                return false;
            }
        }
        return true;
    }
}
