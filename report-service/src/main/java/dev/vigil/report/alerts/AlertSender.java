package dev.vigil.report.alerts;

import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.common.catalogue.ControlDefinition;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Delivers due alerts from the alert table (an outbox): each in its own transaction that holds the alert's row
 * lock while it is posted, then records SENT, a retry time, FAILED or UNROUTED. A crash before the commit leaves
 * the alert PENDING, so it is posted again after a restart; an alert marked SENT is never posted again. A control's
 * alerts go one after the other, in the order they were raised ({@link AlertStore#claimDue}).
 *
 * <p>The sender looks every {@code vigil.alerts.delivery.interval} (anything a restart or another instance left),
 * when a newly recorded alert falls due ({@link Due}), and, after every look, when the next pending alert falls
 * due (a retry's backoff, or an alert another sender held): a transition is posted as soon as its flap delay has
 * passed and a retry at its time, not up to an interval later. Looks that overlap are safe: each alert is claimed
 * under its row lock.
 */
@ApplicationScoped
public class AlertSender {
    private static final Logger LOG = Logger.getLogger(AlertSender.class);
    static final String METRIC = "vigil.report.alerts.delivery";

    private final AlertStore store;
    private final SlackRoutes routes;
    private final SlackWebhook webhook;
    private final DeliveryPolicy policy;
    private final Catalogue catalogue;
    private final AlertsConfig config;
    private final MeterRegistry registry;
    private final Clock clock;
    /**
     * A look again this long after one that left a due alert behind (held by another sender, or past the batch),
     * so such an alert neither waits for the next periodic look nor makes the sender spin.
     */
    static final Duration RELOOK = Duration.ofSeconds(1);
    /**
     * Added to every wake-up: the database keeps microseconds, so a wake-up to the nanosecond could look a moment
     * before the stored time and find nothing due.
     */
    private static final Duration WAKE_UP_MARGIN = Duration.ofMillis(5);

    /** Looks at the due time of pending alerts; one thread, so wake-ups never pile up into parallel posts. */
    private final ScheduledExecutorService wakeUps = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "alert-wake-up");
        t.setDaemon(true);
        return t;
    });

    /** The one wake-up scheduled, and for when; the earliest wanted wins. Guarded by {@code this}. */
    private ScheduledFuture<?> wakeUp;
    private Instant wakeUpAt;

    /** A newly recorded alert that may be posted from {@code at} on. */
    public record Due(Instant at) {
    }

    public AlertSender(AlertStore store, SlackRoutes routes, SlackWebhook webhook, DeliveryPolicy policy,
                       Catalogue catalogue, AlertsConfig config, MeterRegistry registry, Clock clock) {
        this.store = store;
        this.routes = routes;
        this.webhook = webhook;
        this.policy = policy;
        this.catalogue = catalogue;
        this.config = config;
        this.registry = registry;
        this.clock = clock;
    }

    /** Says once how alerts will go out; routes by name and host only, the URLs are secrets. */
    void announce(@Observes StartupEvent start) {
        Optional<SlackRoutes.Route> fallback = routes.defaultRoute();
        if (fallback.isEmpty()) {
            LOG.infof("Slack alerts: no default webhook (vigil.alerts.slack.webhook-url): alerts are recorded; "
                    + "only those with a route are sent (routes to hosts: %s)", routes.describeRoutes());
        } else {
            LOG.infof("Slack alerts: default webhook on host %s, routes to hosts: %s",
                    fallback.get().webhook().getHost(), routes.describeRoutes());
        }
    }

    /** Once the recording transaction committed (before, the alert is not visible to the sender's transaction). */
    void onRecorded(@Observes(during = TransactionPhase.AFTER_SUCCESS) Due due) {
        wakeUpAt(due.at());
    }

    /** Makes sure the sender looks at {@code at}: keeps a wake-up already due by then, or replaces a later one. */
    synchronized void wakeUpAt(Instant at) {
        if (wakeUp != null && !wakeUp.isDone()) {
            if (!wakeUpAt.isAfter(at)) {
                return; // that look comes first, and schedules the next one after it
            }
            wakeUp.cancel(false);
        }
        long delay = Math.max(0, Duration.between(clock.instant(), at).toNanos()) + WAKE_UP_MARGIN.toNanos();
        try {
            wakeUp = wakeUps.schedule(() -> {
                woken(at);
                deliverDueQuietly();
            }, delay, TimeUnit.NANOSECONDS);
            wakeUpAt = at;
        } catch (RejectedExecutionException stopping) {
            // shutting down: the next start delivers it
        }
    }

    /** The wake-up for {@code at} runs: from now on the look after it may schedule the next one. */
    private synchronized void woken(Instant at) {
        if (at.equals(wakeUpAt)) {
            wakeUp = null;
            wakeUpAt = null;
        }
    }

    private void deliverDueQuietly() {
        ManagedContext requests = Arc.container().requestContext();
        requests.activate(); // as the scheduler does for its looks
        try {
            deliverDue();
        } catch (RuntimeException e) {
            LOG.warnf(e, "delivering due alerts failed; the next scheduled look tries again");
        } finally {
            requests.terminate();
        }
    }

    @PreDestroy
    void stop() {
        wakeUps.shutdownNow();
    }

    @Scheduled(every = "${vigil.alerts.delivery.interval:5s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deliverDue() {
        for (int i = 0; i < config.delivery().batchSize(); i++) {
            if (!deliverNext()) {
                break;
            }
        }
        lookAgainWhenNextDue();
    }

    /** Schedules the look at which the next pending alert can be claimed; soon, should one be due already. */
    private void lookAgainWhenNextDue() {
        Optional<Instant> next = store.nextClaimableAt();
        Instant now = clock.instant();
        next.ifPresent(at -> wakeUpAt(at.isAfter(now) ? at : now.plus(RELOOK)));
    }

    /** Delivers one due alert; false when none was due. */
    boolean deliverNext() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Optional<AlertRow> due = store.claimDue(clock.instant());
            due.ifPresent(this::deliver);
            return due.isPresent();
        });
    }

    private void deliver(AlertRow alert) {
        String category = catalogue.control(alert.controlId).map(ControlDefinition::category).orElse(null);
        Optional<SlackRoutes.Route> route = routes.route(alert.controlId, category);
        if (route.isEmpty()) {
            alert.state = AlertState.UNROUTED;
            alert.lastError = "no webhook for control " + alert.controlId + ", category " + category
                    + ", and no default (vigil.alerts.slack.webhook-url)";
            count("unrouted");
            LOG.debugf("alert %s not sent: %s", alert.key, alert.lastError);
            return;
        }
        SlackRoutes.Route to = route.get();
        alert.route = to.describe();
        int attempt = alert.attempts + 1;
        alert.attempts = attempt;
        Instant before = clock.instant();
        DeliveryPolicy.Next next;
        try {
            DeliveryPolicy.Answer answer = webhook.post(to.webhook(), alert.payload);
            alert.lastAttemptAt = clock.instant();
            next = policy.after(attempt, alert.createdAt, answer, to.describe(), alert.lastAttemptAt);
        } catch (IOException e) {
            alert.lastAttemptAt = clock.instant();
            next = policy.afterError(attempt, alert.createdAt, describe(e, to), alert.lastAttemptAt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while posting alert " + alert.key, e);
        }
        if (next instanceof DeliveryPolicy.Retry retry) {
            alert.nextAttemptAt = retry.at();
            alert.lastError = retry.error();
            count("retried");
            LOG.warnf("alert %s not delivered (attempt %d): %s; retrying at %s", alert.key, attempt, retry.error(),
                    retry.at());
        } else if (next instanceof DeliveryPolicy.Failed failed) {
            alert.state = AlertState.FAILED;
            alert.lastError = failed.error();
            count("failed");
            LOG.errorf("alert %s FAILED: %s", alert.key, failed.error());
        } else {
            alert.state = AlertState.SENT;
            alert.sentAt = alert.lastAttemptAt;
            alert.lastError = null;
            count("sent");
            LOG.infof("alert %s sent to %s (attempt %d, %d ms)", alert.key, to.describe(), attempt,
                    alert.sentAt.toEpochMilli() - before.toEpochMilli());
        }
    }

    /** An I/O error in words, with the webhook URL (a secret) replaced by the route should it appear. */
    private static String describe(IOException e, SlackRoutes.Route to) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage().replace(to.webhook().toString(), to.name());
        return e.getClass().getSimpleName() + message + " posting to " + to.describe();
    }

    private void count(String outcome) {
        registry.counter(METRIC, "outcome", outcome.toLowerCase(Locale.ROOT)).increment();
    }
}
