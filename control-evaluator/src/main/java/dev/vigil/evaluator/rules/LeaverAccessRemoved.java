package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import dev.vigil.evaluator.identity.JoinedBy;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/** People deactivated in the identity provider keep no active account in GitHub or AWS (identity.person). */
@Singleton
public class LeaverAccessRemoved implements Rule {
    @Override
    public String id() {
        return "identity.leaver-access-removed";
    }

    @Override
    public String resourceType() {
        return "identity.person";
    }

    @Override
    public String description() {
        return "Someone deactivated in the identity provider has no active account left in the other systems Vigil reads.";
    }

    @Override
    public Verdict judge(Facts facts) {
        String email = facts.string("email");
        if (!facts.bool("left")) {
            return Verdict.notApplicable(email + " is active in the identity provider");
        }
        String since = facts.optionalString("leftAt");
        List<String> stillActive = facts.list("otherAccounts").stream()
                .filter(Map.class::isInstance).map(a -> (Map<?, ?>) a)
                .filter(a -> Boolean.TRUE.equals(a.get("active")))
                .map(a -> a.get("system") + " account " + a.get("name") + " (" + a.get("source") + ")"
                        + (a.get("joinedBy") instanceof String how ? ", joined by " + JoinedBy.describe(how) : ""))
                .toList();
        String left = email + " was deactivated in the identity provider"
                + (since == null ? "" : " on " + since.substring(0, 10) + " (" + facts.values().get("daysSinceLeft")
                + " days before this observation)");
        return stillActive.isEmpty()
                ? Verdict.pass(left + " and has no active account elsewhere")
                : Verdict.fail(left + " but still has " + String.join("; ", stillActive));
    }
}
