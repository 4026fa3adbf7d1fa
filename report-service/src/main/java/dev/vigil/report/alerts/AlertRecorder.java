package dev.vigil.report.alerts;

import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.common.catalogue.ControlDefinition;
import dev.vigil.common.evidence.ControlStatus;
import dev.vigil.common.evidence.ControlStatusEvent;
import dev.vigil.common.store.JsonColumns;
import dev.vigil.report.history.HistoryStore;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Records the alerts a newest status event calls for, in the consumer's transaction: the alert row commits with
 * the status projection, or neither does. {@link AlertRules} decides; this class only reads what it needs and
 * writes what it decided.
 */
@ApplicationScoped
public class AlertRecorder {
    private static final Logger LOG = Logger.getLogger(AlertRecorder.class);
    static final String METRIC = "vigil.report.alerts.recorded";
    private static final Set<String> DECISIVE = Set.of(ControlStatus.PASS.name(), ControlStatus.FAIL.name());

    private final AlertRules rules;
    private final SlackMessage messages;
    private final AlertStore store;
    private final HistoryStore history;
    private final Catalogue catalogue;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Event<AlertSender.Due> due;

    public AlertRecorder(AlertRules rules, SlackMessage messages, AlertStore store, HistoryStore history,
                         Catalogue catalogue, MeterRegistry registry, Clock clock, Event<AlertSender.Due> due) {
        this.due = due;
        this.rules = rules;
        this.messages = messages;
        this.store = store;
        this.history = history;
        this.catalogue = catalogue;
        this.registry = registry;
        this.clock = clock;
    }

    /** For an event that became the control's latest status (only those alert). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onLatestStatus(ControlStatusEvent event) {
        String id = event.controlId();
        Instant at = event.evaluatedAt();
        AlertRules.Prior prior = new AlertRules.Prior(
                history.latestBefore(id, at, List.of()).map(AlertRecorder::status).orElse(null),
                history.latestBefore(id, at, DECISIVE).map(AlertRecorder::status).orElse(null));
        List<AlertRules.Unsent> unsent = store.lockUnsent(id).stream()
                .map(r -> new AlertRules.Unsent(r.id, r.transition, r.eventAt)).toList();
        AlertRules.Decision decision = rules.decide(event, prior, unsent, clock.instant());

        for (AlertRules.CallOff off : decision.callOffs()) {
            AlertRow row = AlertRow.findById(off.id());
            row.state = AlertState.SUPPRESSED;
            row.lastError = off.reason();
            count(row.transition, "called_off");
            LOG.infof("alert %s suppressed: %s", row.key, off.reason());
        }
        decision.alert().ifPresent(alert -> {
            ControlDefinition control = catalogue.control(id).orElseThrow(); // the projection checked it exists
            String payload = JsonColumns.write(messages.build(control, alert.transition(), event));
            if (store.insert(id, alert, payload, clock.instant())) {
                count(alert.transition(), alert.state().name());
                LOG.infof("alert %s recorded as %s%s", alert.key(), alert.state(),
                        alert.note() == null ? ", due " + alert.dueAt() : ": " + alert.note());
                if (alert.state() == AlertState.PENDING && alert.dueAt() != null) {
                    due.fire(new AlertSender.Due(alert.dueAt())); // the sender looks then, once this commits
                }
            }
        });
    }

    private void count(Transition transition, String outcome) {
        registry.counter(METRIC, "transition", transition.name().toLowerCase(Locale.ROOT),
                "outcome", outcome.toLowerCase(Locale.ROOT)).increment();
    }

    /** A status name from the history; one this build does not know is no PASS, FAIL or NOT_EVALUATED. */
    private static ControlStatus status(String name) {
        try {
            return ControlStatus.valueOf(name);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }
}
