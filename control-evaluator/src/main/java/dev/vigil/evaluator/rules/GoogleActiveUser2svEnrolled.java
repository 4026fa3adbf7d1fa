package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

@Singleton
public class GoogleActiveUser2svEnrolled implements Rule {
    @Override
    public String id() {
        return "google.active-user-2sv-enrolled";
    }

    @Override
    public String resourceType() {
        return "google.user";
    }

    @Override
    public String description() {
        return "Every Google Workspace user who can sign in is enrolled in 2-Step Verification.";
    }

    @Override
    public Verdict judge(Facts facts) {
        String email = facts.string("email");
        if (facts.bool("suspended") || facts.bool("archived")) {
            return Verdict.notApplicable(email + " is suspended or archived and cannot sign in");
        }
        if (!facts.bool("twoStepEnrolled")) {
            return Verdict.fail(email + " can sign in but is not enrolled in 2-Step Verification");
        }
        return Verdict.pass(email + " is enrolled in 2-Step Verification"
                + (facts.bool("twoStepEnforced") ? ", enforced" : " (not enforced for their organisational unit)"));
    }
}
