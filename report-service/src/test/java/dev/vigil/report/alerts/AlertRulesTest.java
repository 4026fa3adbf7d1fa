package dev.vigil.report.alerts;

import dev.vigil.common.evidence.ControlStatus;
import dev.vigil.common.evidence.ControlStatusEvent;
import dev.vigil.report.alerts.AlertRules.CallOff;
import dev.vigil.report.alerts.AlertRules.Decision;
import dev.vigil.report.alerts.AlertRules.Prior;
import dev.vigil.report.alerts.AlertRules.Unsent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.vigil.common.evidence.ControlStatus.DOCUMENT_MISSING;
import static dev.vigil.common.evidence.ControlStatus.EXCEPTED;
import static dev.vigil.common.evidence.ControlStatus.FAIL;
import static dev.vigil.common.evidence.ControlStatus.NOT_EVALUATED;
import static dev.vigil.common.evidence.ControlStatus.NO_EVIDENCE;
import static dev.vigil.common.evidence.ControlStatus.PASS;
import static dev.vigil.common.evidence.ControlStatus.STALE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertRulesTest {
    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
    private final AlertRules rules = new AlertRules(Duration.ofMinutes(2), Duration.ofMinutes(30), Duration.ofHours(1));

    @Test
    void passToFailIsHeldForTheFlapDelay() {
        Decision d = rules.decide(event(FAIL, T), new Prior(PASS, PASS), List.of(), T.plusSeconds(1));

        assertThat(d.callOffs()).isEmpty();
        AlertRules.NewAlert a = d.alert().orElseThrow();
        assertThat(a.transition()).isEqualTo(Transition.PASS_TO_FAIL);
        assertThat(a.state()).isEqualTo(AlertState.PENDING);
        assertThat(a.eventAt()).isEqualTo(T);
        assertThat(a.dueAt()).isEqualTo(T.plus(Duration.ofMinutes(2)));
        assertThat(a.key()).isEqualTo("CM-11/PASS_TO_FAIL/2026-11-23T10:00:00Z");
        assertThat(a.note()).isNull();
    }

    @Test
    void failToPassAlertsAndSoDoesAFailureAfterAGapInBetween() {
        assertThat(transition(PASS, new Prior(FAIL, FAIL))).isEqualTo(Transition.FAIL_TO_PASS);
        // PASS, then NOT_EVALUATED, then FAIL: the control went from passing to failing.
        assertThat(transition(FAIL, new Prior(NOT_EVALUATED, PASS))).isEqualTo(Transition.PASS_TO_FAIL);
        assertThat(transition(PASS, new Prior(STALE, FAIL))).isEqualTo(Transition.FAIL_TO_PASS);
    }

    @Test
    void nothingNewIsNoAlert() {
        assertThat(transition(FAIL, new Prior(FAIL, FAIL))).isNull();            // failing resources changed
        assertThat(transition(FAIL, new Prior(STALE, FAIL))).isNull();           // FAIL, STALE, FAIL
        assertThat(transition(PASS, new Prior(PASS, PASS))).isNull();
        assertThat(transition(FAIL, Prior.NONE)).isNull();                       // a first status is no transition
        assertThat(transition(PASS, new Prior(NOT_EVALUATED, null))).isNull();
        assertThat(transition(EXCEPTED, new Prior(FAIL, FAIL))).isNull();
        assertThat(transition(STALE, new Prior(PASS, PASS))).isNull();
        assertThat(transition(NOT_EVALUATED, new Prior(NOT_EVALUATED, PASS))).isNull(); // still not evaluated
    }

    @Test
    void aMissingDocumentIsNoAlertAndIsNeitherPassNorFailForTheTransitionsAroundIt() {
        // someone has to upload it: the dashboard shows it, Slack is for what changed in the systems
        assertThat(transition(DOCUMENT_MISSING, new Prior(PASS, PASS))).isNull();
        assertThat(transition(DOCUMENT_MISSING, new Prior(FAIL, FAIL))).isNull(); // rules fixed: not passing yet
        assertThat(transition(DOCUMENT_MISSING, new Prior(NO_EVIDENCE, null))).isNull();
        assertThat(transition(PASS, new Prior(DOCUMENT_MISSING, FAIL))).isEqualTo(Transition.FAIL_TO_PASS);
        assertThat(transition(PASS, new Prior(DOCUMENT_MISSING, PASS))).isNull();
        assertThat(transition(FAIL, new Prior(DOCUMENT_MISSING, PASS))).isEqualTo(Transition.PASS_TO_FAIL);
    }

    @Test
    void notEvaluatedIsDueOnlyAfterNotEvaluatedAfter() {
        Decision d = rules.decide(event(NOT_EVALUATED, T), new Prior(PASS, PASS), List.of(), T);

        AlertRules.NewAlert a = d.alert().orElseThrow();
        assertThat(a.transition()).isEqualTo(Transition.NOT_EVALUATED);
        assertThat(a.state()).isEqualTo(AlertState.PENDING);
        assertThat(a.dueAt()).isEqualTo(T.plus(Duration.ofMinutes(30)));
        assertThat(transition(NOT_EVALUATED, Prior.NONE)).isEqualTo(Transition.NOT_EVALUATED);
    }

    @Test
    void anEvaluationBeforeTheThresholdCallsTheNotEvaluatedAlertOff() {
        Unsent pending = new Unsent(7, Transition.NOT_EVALUATED, T);
        Decision d = rules.decide(event(PASS, T.plus(Duration.ofMinutes(10))), new Prior(NOT_EVALUATED, PASS),
                List.of(pending), T.plus(Duration.ofMinutes(10)));

        assertThat(d.alert()).isEmpty();
        assertThat(d.callOffs()).extracting(CallOff::id).containsExactly(7L);
        assertThat(d.callOffs().get(0).reason()).contains("10m later", "within not-evaluated-after 30m");
    }

    @Test
    void stillNotEvaluatedKeepsTheAlert() {
        Unsent pending = new Unsent(7, Transition.NOT_EVALUATED, T);
        Decision d = rules.decide(event(NOT_EVALUATED, T.plusSeconds(60)), new Prior(NOT_EVALUATED, PASS),
                List.of(pending), T.plusSeconds(60));

        assertThat(d.alert()).isEmpty();
        assertThat(d.callOffs()).isEmpty();
    }

    @Test
    void aFailureThatPassesAgainWithinTheFlapDelaySuppressesBoth() {
        Unsent failing = new Unsent(3, Transition.PASS_TO_FAIL, T);
        Instant back = T.plusSeconds(40);
        Decision d = rules.decide(event(PASS, back), new Prior(FAIL, FAIL), List.of(failing), back);

        assertThat(d.callOffs()).extracting(CallOff::id).containsExactly(3L);
        AlertRules.NewAlert recovery = d.alert().orElseThrow();
        assertThat(recovery.transition()).isEqualTo(Transition.FAIL_TO_PASS);
        assertThat(recovery.state()).isEqualTo(AlertState.SUPPRESSED);
        assertThat(recovery.note()).isEqualTo(d.callOffs().get(0).reason())
                .isEqualTo("flapped: PASS → FAIL at 2026-11-23T10:00:00Z, then FAIL → PASS at 2026-11-23T10:00:40Z, "
                        + "40s later, within flap-delay 2m");
    }

    @Test
    void aFailureThatHeldForTheFlapDelayIsNotCalledOff() {
        // The consumer lagged: the failure is still unsent, but it lasted longer than the delay, so both go out.
        Unsent failing = new Unsent(3, Transition.PASS_TO_FAIL, T);
        Instant back = T.plus(Duration.ofMinutes(2));
        Decision d = rules.decide(event(PASS, back), new Prior(FAIL, FAIL), List.of(failing), back);

        assertThat(d.callOffs()).isEmpty();
        assertThat(d.alert().orElseThrow().state()).isEqualTo(AlertState.PENDING);
    }

    @Test
    void aRecoveryThatFailsAgainWithinTheDelayIsSuppressedLikewise() {
        Unsent recovered = new Unsent(4, Transition.FAIL_TO_PASS, T);
        Decision d = rules.decide(event(FAIL, T.plusSeconds(5)), new Prior(PASS, PASS), List.of(recovered),
                T.plusSeconds(5));

        assertThat(d.callOffs()).extracting(CallOff::id).containsExactly(4L);
        assertThat(d.alert().orElseThrow().state()).isEqualTo(AlertState.SUPPRESSED);
    }

    @Test
    void anOldEventIsRecordedButNotSent() {
        Decision d = rules.decide(event(FAIL, T), new Prior(PASS, PASS), List.of(), T.plus(Duration.ofHours(3)));

        assertThat(d.alert().orElseThrow().state()).isEqualTo(AlertState.SUPPRESSED);
        assertThat(d.alert().orElseThrow().note()).contains("received 3h after the event", "max-age 1h");
    }

    @Test
    void negativeDurationsAreRefused() {
        assertThatThrownBy(() -> new AlertRules(Duration.ofSeconds(-1), Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("flap-delay");
    }

    private Transition transition(ControlStatus status, Prior prior) {
        return rules.decide(event(status, T), prior, List.of(), T).alert().map(AlertRules.NewAlert::transition)
                .orElse(null);
    }

    private static ControlStatusEvent event(ControlStatus status, Instant at) {
        return new ControlStatusEvent("CM-11", status, at, 3, List.of(), null);
    }
}
