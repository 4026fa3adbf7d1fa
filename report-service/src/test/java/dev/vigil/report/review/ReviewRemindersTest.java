package dev.vigil.report.review;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The reminder schedule on data: which step a day reaches, who hears of it, and the keys that make each once. */
class ReviewRemindersTest {
    static final LocalDate OPENED = LocalDate.parse("2026-10-01");
    /** A 92-day window: due 2026-12-31. */
    static final CampaignStore.Campaign CAMPAIGN = campaign(OPENED, OPENED.plusDays(91), null);
    static final List<Integer> DAYS = List.of(7, 1);

    static CampaignStore.Campaign campaign(LocalDate openedOn, LocalDate dueOn, LocalDate completedOn) {
        return new CampaignStore.Campaign("c1", "CM-01", openedOn, dueOn, completedOn, "admin",
                Instant.parse("2026-10-01T09:00:00Z"), 1, "pending", null);
    }

    static CampaignStore.Item item(int id, String reviewer, ItemState state) {
        return new CampaignStore.Item("c1", id, "k" + id, "github", "user" + id, null, "admin on acme/api", "r",
                "e", reviewer, "default", state, null, null, null, null);
    }

    static final List<CampaignStore.Item> ITEMS = List.of(item(1, "admin", ItemState.PENDING),
            item(2, "Engineer", ItemState.PENDING), item(3, "engineer", ItemState.PENDING),
            item(4, "carol", ItemState.KEPT), item(5, "dave", ItemState.REVOKE_REQUESTED));

    @Test
    void eachDayReachesTheLatestStepOnly() {
        CampaignWindow w = CAMPAIGN.window();
        assertThat(ReviewReminders.step(w, null, OPENED.minusDays(1), DAYS)).isNull();
        assertThat(ReviewReminders.step(w, null, OPENED, DAYS)).isEqualTo("opened");
        assertThat(ReviewReminders.step(w, null, w.dueOn().minusDays(8), DAYS)).isEqualTo("opened");
        assertThat(ReviewReminders.step(w, null, w.dueOn().minusDays(7), DAYS)).isEqualTo("due-in-7-days");
        assertThat(ReviewReminders.step(w, null, w.dueOn().minusDays(2), DAYS)).isEqualTo("due-in-7-days");
        assertThat(ReviewReminders.step(w, null, w.dueOn().minusDays(1), DAYS)).isEqualTo("due-in-1-day");
        assertThat(ReviewReminders.step(w, null, w.dueOn(), DAYS)).isEqualTo("due-in-1-day");
        assertThat(ReviewReminders.step(w, null, w.dueOn().plusDays(1), DAYS)).isEqualTo("overdue");
        assertThat(ReviewReminders.step(w, null, w.dueOn().plusDays(40), DAYS)).isEqualTo("overdue");
        // the configured days in any order; completed: nothing
        assertThat(ReviewReminders.step(w, null, w.dueOn().minusDays(1), List.of(1, 7, 7))).isEqualTo("due-in-1-day");
        assertThat(ReviewReminders.step(w, OPENED.plusDays(3), OPENED.plusDays(3), DAYS)).isNull();
        // a window shorter than a step's days never reaches it before it opens: opened first
        CampaignWindow short5 = CampaignWindow.opening(OPENED, 5);
        assertThat(ReviewReminders.step(short5, null, OPENED, DAYS)).isEqualTo("opened");
        assertThat(ReviewReminders.step(short5, null, short5.dueOn().minusDays(1), DAYS)).isEqualTo("due-in-1-day");
    }

    @Test
    void eachReviewerWithItemsToDecideHearsOncePerStep() {
        List<ReviewReminders.Reminder> opened = ReviewReminders.due(CAMPAIGN, ITEMS, OPENED, DAYS);
        // carol decided and dave's revoke waits for a collection: only admin and engineer (one, whatever the case)
        assertThat(opened).extracting(ReviewReminders.Reminder::reviewer).containsExactly("admin", "engineer");
        assertThat(opened).extracting(ReviewReminders.Reminder::key)
                .containsExactly("review/c1/opened/admin", "review/c1/opened/engineer");
        assertThat(opened.get(1).items()).extracting(CampaignStore.Item::itemId).containsExactly(2, 3);
        assertThat(opened).allSatisfy(r -> assertThat(r.stepOn()).isEqualTo(OPENED));
        // the same day again: the same keys (the outbox queues a key once)
        assertThat(ReviewReminders.due(CAMPAIGN, ITEMS, OPENED.plusDays(10), DAYS))
                .extracting(ReviewReminders.Reminder::key).isEqualTo(opened.stream()
                        .map(ReviewReminders.Reminder::key).toList());
        List<ReviewReminders.Reminder> week = ReviewReminders.due(CAMPAIGN, ITEMS, CAMPAIGN.dueOn().minusDays(5),
                DAYS);
        assertThat(week).extracting(ReviewReminders.Reminder::key)
                .containsExactly("review/c1/due-in-7-days/admin", "review/c1/due-in-7-days/engineer");
        assertThat(week.get(0).stepOn()).isEqualTo(CAMPAIGN.dueOn().minusDays(7));
    }

    @Test
    void overdueIsOneNoticeForTheControlsOwnersNamingWhatIsLeft() {
        List<ReviewReminders.Reminder> overdue = ReviewReminders.due(CAMPAIGN, ITEMS, CAMPAIGN.dueOn().plusDays(3),
                DAYS);
        assertThat(overdue).singleElement().satisfies(r -> {
            assertThat(r.reviewer()).isNull();
            assertThat(r.key()).isEqualTo("review/c1/overdue");
            assertThat(r.stepOn()).isEqualTo(CAMPAIGN.dueOn().plusDays(1));
            assertThat(r.items()).extracting(CampaignStore.Item::itemId).containsExactly(1, 2, 3);
        });
    }

    @Test
    void nothingWhenNothingIsLeftToDecideOrTheCampaignCompleted() {
        List<CampaignStore.Item> decided = List.of(item(4, "carol", ItemState.KEPT),
                item(5, "dave", ItemState.REVOKE_REQUESTED));
        assertThat(ReviewReminders.due(CAMPAIGN, decided, OPENED, DAYS)).isEmpty();
        assertThat(ReviewReminders.due(CAMPAIGN, decided, CAMPAIGN.dueOn().plusDays(1), DAYS)).isEmpty();
        assertThat(ReviewReminders.due(campaign(OPENED, CAMPAIGN.dueOn(), OPENED.plusDays(2)), ITEMS,
                OPENED.plusDays(2), DAYS)).isEmpty();
    }
}
