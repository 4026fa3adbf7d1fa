package dev.vigil.report.alerts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;

/**
 * Notices that are not status changes (an access review's reminders), queued in the alert table, the outbox
 * {@link AlertSender} delivers from, so they travel the alerts' path: the control's Slack route, retries, the
 * delivery backlog. Each notice has a key; a key already queued is not queued again, so a notice goes out once
 * however often, and on however many instances, it is decided.
 */
@ApplicationScoped
public class SlackNotices {
    private final AlertStore store;
    private final SlackMessage messages;
    private final Clock clock;

    public SlackNotices(AlertStore store, SlackMessage messages, Clock clock) {
        this.store = store;
        this.messages = messages;
        this.clock = clock;
    }

    public SlackMessage messages() {
        return messages;
    }

    /**
     * Queues the notice unless its key was queued before; answers whether it was queued now.
     *
     * @param about when what it tells happened or falls due (the alert's {@code eventAt})
     */
    public boolean queue(String key, String controlId, Transition kind, Instant about, ObjectNode message) {
        if (!kind.review()) {
            throw new IllegalArgumentException(kind + " is a status change: the alert rules decide those");
        }
        Instant now = clock.instant();
        return QuarkusTransaction.requiringNew().call(() -> store.insert(controlId,
                new AlertRules.NewAlert(key, kind, about, AlertState.PENDING, now, null), message.toString(), now));
    }
}
