package dev.vigil.report.review;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which reminders a campaign calls for today (docs/access-reviews.md#reminders). Pure.
 * <p>
 * A campaign's steps: {@code opened} (its first day), {@code due-in-N-days} for each configured N before its due date,
 * and {@code overdue} (the day after it). Only the latest step reached today counts: a reviewer who joins late, or a
 * campaign recorded as opened long ago, hears the step that matters now, not every one it missed. Up to the due date
 * each reviewer with an item still to decide gets one reminder per step, listing those items; once overdue, one notice
 * for the campaign names whose items are left, for the control's owners (its Slack route). A completed campaign calls
 * for nothing, and neither does a reviewer whose items are all decided (a requested revoke waits for a collection, not
 * for them).
 */
public final class ReviewReminders {
    public static final String OPENED = "opened";
    public static final String OVERDUE = "overdue";

    private ReviewReminders() {
    }

    /**
     * One reminder: to {@code reviewer} (null: the overdue notice for the control's owners), about these items.
     *
     * @param key what makes it once: the campaign, the step and the reviewer
     */
    public record Reminder(String key, String campaignId, String controlId, String step, LocalDate stepOn,
                           String reviewer, List<CampaignStore.Item> items) {
    }

    /** The step reached on {@code today}, or null before the campaign opens or once it completed. */
    static String step(CampaignWindow window, LocalDate completedOn, LocalDate today, List<Integer> daysBefore) {
        if (completedOn != null || today.isBefore(window.openedOn())) {
            return null;
        }
        if (today.isAfter(window.dueOn())) {
            return OVERDUE;
        }
        String reached = OPENED;
        LocalDate reachedOn = window.openedOn();
        for (int days : daysBefore.stream().distinct().sorted(Comparator.reverseOrder()).toList()) {
            LocalDate on = window.dueOn().minusDays(days);
            if (!today.isBefore(on) && on.isAfter(reachedOn)) {
                reached = dueIn(days);
                reachedOn = on;
            }
        }
        return reached;
    }

    static String dueIn(int days) {
        return "due-in-" + days + (days == 1 ? "-day" : "-days");
    }

    /** The reminders the campaign calls for today, each at most once by its key (the caller keeps the keys). */
    public static List<Reminder> due(CampaignStore.Campaign campaign, List<CampaignStore.Item> items, LocalDate today,
                                     List<Integer> daysBefore) {
        String step = step(campaign.window(), campaign.completedOn(), today, daysBefore);
        List<CampaignStore.Item> pending = items.stream().filter(i -> i.state() == ItemState.PENDING).toList();
        if (step == null || pending.isEmpty()) {
            return List.of();
        }
        LocalDate stepOn = stepOn(step, campaign.window());
        String prefix = "review/" + campaign.campaignId() + "/" + step;
        if (OVERDUE.equals(step)) {
            return List.of(new Reminder(prefix, campaign.campaignId(), campaign.controlId(), step, stepOn, null,
                    pending));
        }
        Map<String, List<CampaignStore.Item>> byReviewer = new TreeMap<>();
        for (CampaignStore.Item i : pending) {
            byReviewer.computeIfAbsent(i.reviewer().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(i);
        }
        List<Reminder> out = new ArrayList<>();
        byReviewer.forEach((reviewer, mine) -> out.add(new Reminder(prefix + "/" + reviewer, campaign.campaignId(),
                campaign.controlId(), step, stepOn, reviewer, List.copyOf(mine))));
        return out;
    }

    private static LocalDate stepOn(String step, CampaignWindow window) {
        if (OPENED.equals(step)) {
            return window.openedOn();
        }
        if (OVERDUE.equals(step)) {
            return window.dueOn().plusDays(1);
        }
        int days = Integer.parseInt(step.replaceAll("\\D", ""));
        return window.dueOn().minusDays(days);
    }
}
