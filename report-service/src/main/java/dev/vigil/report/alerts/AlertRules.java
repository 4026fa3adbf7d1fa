package dev.vigil.report.alerts;

import dev.vigil.common.evidence.ControlStatus;
import dev.vigil.common.evidence.ControlStatusEvent;
import dev.vigil.report.format.Durations;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which status events alert, and when an alert is held back (plain Java, no I/O). Only the newest status of a
 * control is judged: an event too old to change the latest status is history, not news.
 *
 * <ul>
 *   <li><b>PASS → FAIL</b> and <b>FAIL → PASS</b> compare the new status with the control's last PASS or FAIL,
 *       so PASS, NOT_EVALUATED, FAIL is still a failure to report, and FAIL, STALE, FAIL is nothing new. A
 *       control's first PASS or FAIL is not a transition. No other status alerts: STALE, EXCEPTED and
 *       DOCUMENT_MISSING (rules evidenced, a required document never uploaded) are for the dashboard, and a control
 *       that went from FAIL to DOCUMENT_MISSING has not passed yet: its FAIL → PASS comes with the document.</li>
 *   <li><b>NOT_EVALUATED</b>: entering it records an alert due {@code notEvaluatedAfter} later; any other status
 *       before then calls the alert off.</li>
 *   <li><b>Flapping.</b> A transition alert is due {@code flapDelay} after its event. If the opposite transition
 *       follows within {@code flapDelay} (by the events' times) while the first alert is still unsent and untried,
 *       both are suppressed: the control is back where the channel last heard it was. An alert already sent (or
 *       tried) is never called off, so its counterpart goes out too.</li>
 *   <li><b>Max age.</b> An alert whose event is older than {@code maxAge} when received (a replay into an empty
 *       database, a long outage) is recorded as suppressed rather than sent as news.</li>
 * </ul>
 */
public final class AlertRules {
    private final Duration flapDelay;
    private final Duration notEvaluatedAfter;
    private final Duration maxAge;

    public AlertRules(Duration flapDelay, Duration notEvaluatedAfter, Duration maxAge) {
        this.flapDelay = nonNegative(flapDelay, "flap-delay");
        this.notEvaluatedAfter = nonNegative(notEvaluatedAfter, "not-evaluated-after");
        this.maxAge = nonNegative(maxAge, "max-age");
    }

    public Duration notEvaluatedAfter() {
        return notEvaluatedAfter;
    }

    /**
     * What a control looked like just before the event.
     *
     * @param latest       its latest status, or null if it had none
     * @param lastDecisive its latest PASS or FAIL, or null if it never had one
     */
    public record Prior(ControlStatus latest, ControlStatus lastDecisive) {
        public static final Prior NONE = new Prior(null, null);
    }

    /** An alert of the same control that is PENDING and was never tried: it can still be called off. */
    public record Unsent(long id, Transition transition, Instant eventAt) {
    }

    /**
     * An alert to record.
     *
     * @param dueAt when it may be sent (PENDING), or when it would have been (SUPPRESSED)
     * @param note  why it is SUPPRESSED; null for PENDING
     */
    public record NewAlert(String key, Transition transition, Instant eventAt, AlertState state, Instant dueAt,
                           String note) {
    }

    /** An unsent alert to suppress, and why. */
    public record CallOff(long id, String reason) {
    }

    public record Decision(Optional<NewAlert> alert, List<CallOff> callOffs) {
        public Decision {
            callOffs = List.copyOf(callOffs);
        }
    }

    /**
     * Decides on the newest status event of a control.
     *
     * @param unsent the control's alerts still PENDING and never tried
     * @param now    when the event is received
     */
    public Decision decide(ControlStatusEvent event, Prior prior, List<Unsent> unsent, Instant now) {
        Instant at = event.evaluatedAt();
        List<CallOff> callOffs = new ArrayList<>();
        if (event.status() != ControlStatus.NOT_EVALUATED) {
            for (Unsent u : unsent) {
                if (u.transition() == Transition.NOT_EVALUATED && u.eventAt().isBefore(at)) {
                    callOffs.add(new CallOff(u.id(), "evaluated again (" + event.status() + " at " + at + ") "
                            + Durations.human(Duration.between(u.eventAt(), at)) + " later, within not-evaluated-after "
                            + Durations.human(notEvaluatedAfter)));
                }
            }
        }
        Transition transition = transition(event.status(), prior);
        if (transition == null) {
            return new Decision(Optional.empty(), callOffs);
        }
        String note = null;
        Instant due;
        if (transition == Transition.NOT_EVALUATED) {
            due = at.plus(notEvaluatedAfter);
        } else {
            due = at.plus(flapDelay);
            Optional<Unsent> opposite = unsent.stream()
                    .filter(u -> u.transition() == opposite(transition) && u.eventAt().isBefore(at))
                    .max(Comparator.comparing(Unsent::eventAt));
            if (opposite.isPresent()) {
                Duration held = Duration.between(opposite.get().eventAt(), at);
                if (held.compareTo(flapDelay) < 0) {
                    note = "flapped: " + opposite.get().transition().label() + " at " + opposite.get().eventAt()
                            + ", then " + transition.label() + " at " + at + ", " + Durations.human(held)
                            + " later, within flap-delay " + Durations.human(flapDelay);
                    callOffs.add(new CallOff(opposite.get().id(), note));
                }
            }
        }
        Duration age = Duration.between(at, now);
        if (note == null && age.compareTo(maxAge) > 0) {
            note = "received " + Durations.human(age) + " after the event, later than max-age "
                    + Durations.human(maxAge) + ": recorded, not sent";
        }
        AlertState state = note == null ? AlertState.PENDING : AlertState.SUPPRESSED;
        return new Decision(Optional.of(new NewAlert(key(event.controlId(), transition, at), transition, at, state,
                due, note)), callOffs);
    }

    /**
     * The idempotency key of an alert: one per control, transition and status event, so a redelivered or replayed
     * event can never record a second one.
     */
    public static String key(String controlId, Transition transition, Instant eventAt) {
        return controlId + "/" + transition + "/" + eventAt;
    }

    static Transition transition(ControlStatus status, Prior prior) {
        return switch (status) {
            case FAIL -> prior.lastDecisive() == ControlStatus.PASS ? Transition.PASS_TO_FAIL : null;
            case PASS -> prior.lastDecisive() == ControlStatus.FAIL ? Transition.FAIL_TO_PASS : null;
            case NOT_EVALUATED -> prior.latest() != ControlStatus.NOT_EVALUATED ? Transition.NOT_EVALUATED : null;
            default -> null;
        };
    }

    private static Transition opposite(Transition t) {
        return switch (t) {
            case PASS_TO_FAIL -> Transition.FAIL_TO_PASS;
            case FAIL_TO_PASS -> Transition.PASS_TO_FAIL;
            case NOT_EVALUATED -> Transition.NOT_EVALUATED;
            case REVIEW_REMINDER, REVIEW_OVERDUE -> null; // notices, not status changes: nothing flaps back
        };
    }

    private static Duration nonNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException("vigil.alerts." + name + " must not be negative: " + d);
        }
        return d;
    }
}
