package dev.vigil.report.review;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.common.catalogue.ControlDefinition;
import dev.vigil.report.alerts.SlackMessage;
import dev.vigil.report.alerts.SlackNotices;
import dev.vigil.report.alerts.Transition;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Queues the reminders {@link ReviewReminders} calls for into the Slack alerts' outbox ({@link SlackNotices}), on a
 * timer and when a campaign opens. The outbox's unique key makes each reminder once: a restart, a second look or a
 * second instance queues nothing more.
 */
@ApplicationScoped
public class ReminderService {
    private static final Logger LOG = Logger.getLogger(ReminderService.class);
    private static final int ITEMS_LISTED = 15;

    private final CampaignStore store;
    private final SlackNotices notices;
    private final Catalogue catalogue;
    private final ReviewsConfig config;
    private final Clock clock;

    public ReminderService(CampaignStore store, SlackNotices notices, Catalogue catalogue, ReviewsConfig config,
                           Clock clock) {
        this.store = store;
        this.notices = notices;
        this.catalogue = catalogue;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${vigil.reviews.reminders.interval:1h}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onTimer() {
        remind();
    }

    /** Queues every reminder due today that was not queued before; answers how many were queued now. */
    public int remind() {
        if (!config.reminders().enabled()) {
            return 0;
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<CampaignStore.Campaign> open = QuarkusTransaction.requiringNew().call(() -> store.campaigns(null))
                .stream().filter(c -> c.completedOn() == null && c.supersededBy() == null).toList();
        int queued = 0;
        for (CampaignStore.Campaign c : open) {
            List<CampaignStore.Item> items = QuarkusTransaction.requiringNew().call(() -> store.items(c.campaignId()));
            for (ReviewReminders.Reminder r : ReviewReminders.due(c, items, today, config.reminders().daysBefore())) {
                if (notices.queue(r.key(), r.controlId(), r.reviewer() == null ? Transition.REVIEW_OVERDUE
                        : Transition.REVIEW_REMINDER, r.stepOn().atStartOfDay(ZoneOffset.UTC).toInstant(),
                        message(c, r, today))) {
                    queued++;
                }
            }
        }
        if (queued > 0) {
            LOG.infof("access reviews: %d reminder(s) queued for Slack", queued);
        }
        return queued;
    }

    private ObjectNode message(CampaignStore.Campaign c, ReviewReminders.Reminder r, LocalDate today) {
        SlackMessage slack = notices.messages();
        String title = catalogue.control(c.controlId()).map(ControlDefinition::title).orElse("");
        String link = slack.page("/reviews/" + c.campaignId());
        List<String> lines = new ArrayList<>();
        String headline;
        if (r.reviewer() == null) {
            long late = today.toEpochDay() - c.dueOn().toEpochDay();
            headline = c.controlId() + " access review overdue: " + r.items().size() + " item(s) left, due "
                    + c.dueOn() + " (" + late + (late == 1 ? " day" : " days") + " ago)";
            lines.add("*" + SlackMessage.escape(c.controlId() + " · " + title) + "*: the campaign opened on "
                    + c.openedOn() + " fails the control until its items are decided.");
            Map<String, Integer> byReviewer = new LinkedHashMap<>();
            r.items().forEach(i -> byReviewer.merge(i.reviewer(), 1, Integer::sum));
            byReviewer.forEach((who, n) -> lines.add("• " + SlackMessage.escape(who) + ": " + n + " to decide"));
        } else {
            long left = c.dueOn().toEpochDay() - today.toEpochDay();
            headline = r.reviewer() + ": " + r.items().size() + " access(es) to review for " + c.controlId()
                    + ", due " + c.dueOn() + " (" + (left == 0 ? "today" : "in " + left + (left == 1 ? " day"
                    : " days")) + ")";
            lines.add("*" + SlackMessage.escape(c.controlId() + " · " + title) + "*: keep or revoke each, with a "
                    + "comment, on the reviewer page.");
            r.items().stream().limit(ITEMS_LISTED).forEach(i -> lines.add("• " + SlackMessage.escape(i.system()
                    + " " + i.account() + ": " + i.privilege())));
            if (r.items().size() > ITEMS_LISTED) {
                lines.add("_and " + (r.items().size() - ITEMS_LISTED) + " more_");
            }
        }
        return slack.notice(r.reviewer() == null ? Transition.REVIEW_OVERDUE : Transition.REVIEW_REMINDER, headline,
                lines, link, "Open the access review in Vigil");
    }
}
