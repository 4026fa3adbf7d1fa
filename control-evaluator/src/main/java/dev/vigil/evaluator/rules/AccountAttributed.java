package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import dev.vigil.evaluator.identity.JoinedBy;
import jakarta.inject.Singleton;

/**
 * Every active account outside the identity providers (a GitHub member, an IAM user) is attributed to a person in
 * the identity provider, or declared as a service account with an owner (identity.account). Only an attributed
 * account can be checked for leavers: an account nobody answers for is access nobody removes.
 */
@Singleton
public class AccountAttributed implements Rule {
    @Override
    public String id() {
        return "identity.account-attributed";
    }

    @Override
    public String resourceType() {
        return "identity.account";
    }

    @Override
    public String description() {
        return "Every active account outside the identity provider is attributed to a person there, or is a declared "
                + "service account with an owner.";
    }

    @Override
    public Verdict judge(Facts facts) {
        String account = facts.string("system") + " account " + facts.string("name") + " ("
                + facts.string("source") + ")";
        String person = facts.optionalString("attributedTo");
        if (person != null) {
            return Verdict.pass(account + " is attributed to " + person + " by "
                    + JoinedBy.describe(facts.optionalString("joinedBy")));
        }
        Facts service = facts.optionalFacts("serviceAccount");
        if (service != null) {
            String owner = service.optionalString("owner");
            if (owner != null && !owner.isBlank()) {
                String purpose = service.optionalString("purpose");
                return Verdict.pass(account + " is a declared service account owned by " + owner
                        + (purpose == null ? "" : " (" + purpose + ")"));
            }
        }
        String reason = facts.optionalString("reason");
        if (!facts.bool("attributionKnown")) {
            return Verdict.unknown("whom " + account + " belongs to is unknown"
                    + (reason == null ? "" : ": " + reason));
        }
        return Verdict.fail(account + " is attributed to no one in the identity provider"
                + (reason == null ? "" : ": " + reason));
    }
}
