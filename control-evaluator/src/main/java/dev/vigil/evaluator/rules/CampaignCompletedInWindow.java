package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * An access review campaign (report-service, docs/access-reviews.md) was completed within its window: every access
 * kept or revoked, each revoke confirmed by a later collection. One left open past its due date fails the control,
 * named with what is left; one still within its window is in progress (not applicable: the previous campaign, or the
 * control's review document, answers for the period). A campaign a later completed one superseded no longer counts.
 * One rule per control, because each control is evidenced by its own campaigns ({@code review.<control>}).
 */
public abstract class CampaignCompletedInWindow implements Rule {
    private final String controlId;

    CampaignCompletedInWindow(String controlId) {
        this.controlId = controlId;
    }

    @Override
    public String id() {
        return "review." + controlId.toLowerCase(java.util.Locale.ROOT) + "-campaign-completed-in-window";
    }

    @Override
    public String resourceType() {
        return "review." + controlId.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String description() {
        return "Every " + controlId + " access review campaign is completed within its window, each revoke confirmed "
                + "by a later collection.";
    }

    @Override
    public Verdict judge(Facts facts) {
        String name = "access review " + facts.string("campaignId") + " of " + controlId;
        String superseded = facts.optionalString("supersededBy");
        if (superseded != null) {
            return Verdict.notApplicable(name + " was superseded by the completed campaign " + superseded);
        }
        LocalDate opened = date(facts, "openedOn");
        LocalDate due = date(facts, "dueOn");
        LocalDate observed = date(facts, "observedOn");
        String completedOn = facts.optionalString("completedOn");
        int items = facts.integer("itemCount");
        if (completedOn != null) {
            LocalDate completed = date(facts, "completedOn");
            long late = completed.toEpochDay() - due.toEpochDay();
            return Verdict.pass(name + " opened on " + opened + " was completed on " + completed
                    + (late > 0 ? ", " + late + " days after it was due on " + due : " (due " + due + ")") + ": "
                    + items + " access(es) reviewed, " + facts.integer("kept") + " kept, "
                    + facts.integer("revokedConfirmed") + " revoked and confirmed gone");
        }
        if (observed.isAfter(due)) {
            return Verdict.fail(name + " was due on " + due + ", " + (observed.toEpochDay() - due.toEpochDay())
                    + " days overdue (read on " + observed + "): " + facts.integer("pending")
                    + " of " + items + " access(es) not decided, " + facts.integer("revokeRequested")
                    + " revoke(s) not yet confirmed gone by a collection");
        }
        return Verdict.notApplicable(name + " is in progress, due on " + due);
    }

    private static LocalDate date(Facts facts, String name) {
        String value = facts.string(name);
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new Facts.MissingFactException("fact '" + name + "' is not an ISO date: " + value);
        }
    }

    /** CM-01: quarterly review of source code change access. */
    @Singleton
    public static class Cm01 extends CampaignCompletedInWindow {
        public Cm01() {
            super("CM-01");
        }
    }

    /** LS-24: quarterly user access review. */
    @Singleton
    public static class Ls24 extends CampaignCompletedInWindow {
        public Ls24() {
            super("LS-24");
        }
    }

    /** LS-10: semi-annual external user access review. */
    @Singleton
    public static class Ls10 extends CampaignCompletedInWindow {
        public Ls10() {
            super("LS-10");
        }
    }

    /** LS-14: administrators' access, reviewed with the admin access list's period. */
    @Singleton
    public static class Ls14 extends CampaignCompletedInWindow {
        public Ls14() {
            super("LS-14");
        }
    }
}
