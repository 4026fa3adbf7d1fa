package dev.vigil.report.projection;

import dev.vigil.access.EventTrust;
import dev.vigil.access.GracefulStop;
import dev.vigil.common.evidence.ControlStatusEvent;
import dev.vigil.common.evidence.EventCodec;
import dev.vigil.common.evidence.MalformedEventException;
import dev.vigil.common.retry.Backoff;
import dev.vigil.common.signing.RejectedEventException;
import dev.vigil.report.alerts.AlertRecorder;
import dev.vigil.report.board.ProjectionRule;
import dev.vigil.report.history.HistoryStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.util.Locale;

/**
 * Projects control-status events into the database. The method is blocking, the projection runs in its own
 * transaction, and the connector acknowledges after the method returns, so an offset is committed only once the row
 * is committed. A record that cannot be decoded is not swallowed: the exception nacks it and the connector's
 * dead-letter-queue strategy writes it, with the message as {@code dead-letter-reason}, to the DLQ. The alerts a
 * new latest status calls for are recorded in the same transaction, so a redelivered record cannot add one.
 * A record not signed by a trusted key, or dated further ahead than the allowed clock skew, is dead-lettered the
 * same way before it touches anything ({@link EventTrust}).
 *
 * <p>Transient is not poison ({@link Backoff}): while the database is down, restarting or overloaded, the
 * transaction is retried with capped backoff for as long as it takes, and the next record waits; statuses are
 * published only on change, so a status dead-lettered for an outage would leave the history wrong for good.
 *
 * <p>For the same reason a graceful stop is not poison ({@link GracefulStop}): once the service stops, no status is
 * started, the one in hand may finish, and one that fails meanwhile (the database closing under it) ends in a
 * {@link dev.vigil.common.retry.ServiceStoppingException}, which the channel's failure strategy neither acknowledges
 * nor dead-letters: Kafka delivers it again after the restart, and projecting it twice changes nothing.
 */
@ApplicationScoped
public class ControlStatusConsumer {
    private static final Logger LOG = Logger.getLogger(ControlStatusConsumer.class);
    static final String EVENTS_METRIC = "vigil.report.status.events";
    static final String HISTORY_METRIC = "vigil.report.history.events";
    /** Events dropped as stale, by what ordered them: {@code version} or {@code evaluated_at} (no version). */
    static final String STALE_METRIC = "vigil.report.status.stale";

    private final StatusProjection projection;
    private final HistoryStore history;
    private final AlertRecorder alerts;
    private final MeterRegistry registry;
    private final EventTrust trust;
    private final GracefulStop stop;
    private final Backoff backoff;

    public ControlStatusConsumer(StatusProjection projection, HistoryStore history, AlertRecorder alerts,
                                 MeterRegistry registry, EventTrust trust, GracefulStop stop) {
        this.projection = projection;
        this.history = history;
        this.alerts = alerts;
        this.registry = registry;
        this.trust = trust;
        this.stop = stop;
        this.backoff = Backoff.consumer(stop::stopping);
    }

    @Incoming("control-status")
    @Blocking
    public void onStatus(ConsumerRecord<String, String> record) {
        // In every log line about this record (JSON logs carry the MDC): which record, and then which control.
        MDC.put("record", record.topic() + "-" + record.partition() + "@" + record.offset());
        try (GracefulStop.InHand status = stop.begin("status " + record.topic() + "-" + record.partition() + "@"
                + record.offset())) {
            consume(record);
        } finally {
            MDC.remove("record");
            MDC.remove("controlId");
        }
    }

    private void consume(ConsumerRecord<String, String> record) {
        ControlStatusEvent event;
        try {
            trust.requireTrusted(record);
            event = EventCodec.decodeStatus(record.value());
            MDC.put("controlId", event.controlId());
            trust.requireNotFuture(event.evaluatedAt());
        } catch (MalformedEventException e) {
            registry.counter(EVENTS_METRIC, "outcome", "malformed").increment();
            LOG.warnf("control-status record sent to the dead-letter topic: %s", e.getMessage());
            throw e;
        } catch (RejectedEventException e) {
            registry.counter(EVENTS_METRIC, "outcome", "rejected").increment();
            LOG.warnf("control-status record %s-%d@%d sent to the dead-letter topic: %s", record.topic(),
                    record.partition(), record.offset(), e.getMessage());
            throw e;
        }
        Projected done = backoff.untilDone("projecting the status of " + event.controlId() + " from " + record.topic()
                + "-" + record.partition() + "@" + record.offset(),
                () -> QuarkusTransaction.requiringNew().call(() -> project(event)));
        registry.counter(EVENTS_METRIC, "outcome", done.outcome().supersedes() ? "applied" : "stale").increment();
        registry.counter(HISTORY_METRIC, "outcome", done.recorded().name().toLowerCase(Locale.ROOT)).increment();
        switch (done.outcome()) {
            case STALE_VERSION -> {
                registry.counter(STALE_METRIC, "ordered_by", "version").increment();
                LOG.debugf("dropped stale %s %s at %s: version %d is not newer than the projected status's",
                        event.controlId(), event.status(), event.evaluatedAt(), event.version());
            }
            case STALE_EVALUATION -> {
                registry.counter(STALE_METRIC, "ordered_by", "evaluated_at").increment();
                LOG.debugf("dropped stale %s %s at %s (version %s): not evaluated after the projected status",
                        event.controlId(), event.status(), event.evaluatedAt(), event.version());
            }
            case NEWER -> LOG.debugf("APPLIED %s %s at %s (version %s)", event.controlId(), event.status(),
                    event.evaluatedAt(), event.version());
        }
    }

    private record Projected(ProjectionRule.Precedence outcome, HistoryStore.Outcome recorded) {
    }

    /** One transaction: the latest status, the alerts it calls for, and its place in the history. */
    private Projected project(ControlStatusEvent event) {
        ProjectionRule.Precedence outcome = projection.apply(event);
        if (outcome.supersedes()) {
            // Only a new latest status is news; it is judged against the history before it is recorded.
            alerts.onLatestStatus(event);
        }
        // Also an event too old to change the latest status belongs in the history, in its place.
        return new Projected(outcome, history.record(event));
    }
}
