package dev.vigil.report.review;

import dev.vigil.common.catalogue.ControlDefinition;
import dev.vigil.common.catalogue.DocumentRequirement;

import java.time.LocalDate;

/**
 * When a campaign must be completed: within the period of the document it stands for (the control's frequency: a
 * quarterly review 92 days, a semi-annual one 183; an ongoing control's review document says its own, LS-14's admin
 * access list 92), counted from the day it opened. Completing it inside that window also keeps the document current
 * until the next campaign is due.
 */
public record CampaignWindow(LocalDate openedOn, LocalDate dueOn) {
    public CampaignWindow {
        if (dueOn.isBefore(openedOn)) {
            throw new IllegalArgumentException("a campaign cannot be due (" + dueOn + ") before it opens (" + openedOn + ")");
        }
    }

    public static int days(ControlDefinition control, ReviewScope scope) {
        Integer documentDays = control.documents().stream().filter(d -> d.type().equals(scope.documentType()))
                .findFirst().filter(DocumentRequirement::expires).map(DocumentRequirement::maxAgeDays).orElse(null);
        return documentDays != null ? documentDays : control.frequency().maxAgeDays();
    }

    /**
     * The day a campaign is recorded as opened: today, or an earlier day when it records a campaign started before
     * (moved from a spreadsheet, say); never a day to come, which would stretch its window past what really happened.
     */
    public static LocalDate openedOn(LocalDate requested, LocalDate today) {
        if (requested == null) {
            return today;
        }
        if (requested.isAfter(today)) {
            throw new IllegalArgumentException("a campaign cannot be recorded as opened on " + requested
                    + ", a day to come (today is " + today + ")");
        }
        return requested;
    }

    /** Opened on that day, due on the last day of the window. */
    public static CampaignWindow opening(LocalDate today, int days) {
        if (days < 1) {
            throw new IllegalArgumentException("a campaign window has at least one day, not " + days);
        }
        return new CampaignWindow(today, today.plusDays(days - 1L));
    }

    public CampaignState state(LocalDate completedOn, LocalDate today) {
        if (completedOn != null) {
            return CampaignState.COMPLETED;
        }
        return today.isAfter(dueOn) ? CampaignState.OVERDUE : CampaignState.OPEN;
    }
}
