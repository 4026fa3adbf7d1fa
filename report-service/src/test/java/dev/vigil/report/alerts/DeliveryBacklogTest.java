package dev.vigil.report.alerts;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryBacklogTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final String SLACK_DOWN = "HTTP 503 from default (hooks.slack.com): service_unavailable";

    @Test
    void noAlertsIsAllDelivered() {
        DeliveryBacklog backlog = DeliveryBacklog.of(List.of(), NOW);

        assertThat(backlog.allDelivered()).isTrue();
        assertThat(backlog.pending()).isZero();
        assertThat(backlog.held()).isZero();
        assertThat(backlog.failed()).isZero();
        assertThat(backlog.oldestPendingAt()).isNull();
        assertThat(backlog.oldestPendingAge()).isEqualTo(Duration.ZERO);
        assertThat(backlog.lastError()).isNull();
        assertThat(backlog.failedSince()).isEqualTo(NOW.minus(Duration.ofHours(24)));
    }

    @Test
    void anAlertStillWithinItsFlapDelayIsHeldNotLate() {
        UndeliveredAlert held = pending(1, "CM-11", NOW.minusSeconds(30), 0, NOW.plusSeconds(90), null, null);

        DeliveryBacklog backlog = DeliveryBacklog.of(List.of(held), NOW);

        assertThat(backlog.allDelivered()).isTrue();
        assertThat(backlog.held()).isEqualTo(1);
        assertThat(backlog.pending()).isZero();
        assertThat(backlog.oldestPendingAt()).isNull();
    }

    @Test
    void dueRetriedAndQueuedBehindItsControlAreAllPendingAndTheOldestIsByWhenRaised() {
        UndeliveredAlert retrying = pending(1, "CM-11", NOW.minus(Duration.ofHours(3)), 12,
                NOW.plusSeconds(600), NOW.minusSeconds(5), SLACK_DOWN);
        UndeliveredAlert behindIt = pending(4, "CM-11", NOW.minus(Duration.ofHours(1)), 0,
                NOW.minus(Duration.ofMinutes(58)), null, null);
        UndeliveredAlert dueNow = pending(7, "LS-01", NOW.minusSeconds(125), 0, NOW, null, null);
        // Tried once and waiting for its backoff: it is late, though not due this instant.
        UndeliveredAlert backingOff = pending(9, "DS-01", NOW.minusSeconds(200), 1, NOW.plusSeconds(10),
                NOW.minusSeconds(2), SLACK_DOWN);

        DeliveryBacklog backlog = DeliveryBacklog.of(List.of(dueNow, behindIt, backingOff, retrying), NOW);

        assertThat(backlog.allDelivered()).isFalse();
        assertThat(backlog.pending()).isEqualTo(4);
        assertThat(backlog.held()).isZero();
        assertThat(backlog.oldestPendingAt()).isEqualTo(NOW.minus(Duration.ofHours(3)));
        assertThat(backlog.oldestPendingAge()).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void failuresCountOnlyWithinTheLast24HoursByTheirLastAttempt() {
        // Raised 47 h ago, given up 23 h ago: a failure of the last 24 h.
        UndeliveredAlert givenUp = failed(2, "CM-11", NOW.minus(Duration.ofHours(47)), NOW.minus(Duration.ofHours(23)),
                SLACK_DOWN + " (gave up)");
        UndeliveredAlert refusedLongAgo = failed(3, "DS-05", NOW.minus(Duration.ofHours(30)),
                NOW.minus(Duration.ofHours(30)), "HTTP 410 from control DS-05 (hooks.slack.com): channel_is_archived");
        UndeliveredAlert failedBeforeTheColumnExisted = failed(5, "LS-01", NOW.minusSeconds(60), null, "HTTP 404");

        DeliveryBacklog backlog = DeliveryBacklog.of(List.of(givenUp, refusedLongAgo, failedBeforeTheColumnExisted),
                NOW);

        assertThat(backlog.failed()).isEqualTo(1);
        assertThat(backlog.pending()).isZero();
        assertThat(backlog.allDelivered()).isFalse();
        assertThat(backlog.lastError()).isEqualTo(new DeliveryBacklog.LastError(2, "CM-11", AlertState.FAILED, 1,
                NOW.minus(Duration.ofHours(23)), SLACK_DOWN + " (gave up)"));
    }

    @Test
    void theLastErrorIsTheLatestAttemptsAmongPendingAndFailedAlerts() {
        UndeliveredAlert retrying = pending(1, "CM-11", NOW.minusSeconds(600), 5, NOW.plusSeconds(60),
                NOW.minusSeconds(20), SLACK_DOWN);
        UndeliveredAlert refused = failed(2, "DS-05", NOW.minusSeconds(100), NOW.minusSeconds(8),
                "HTTP 410 from control DS-05 (hooks.slack.com): channel_is_archived");
        // Due and never tried: no error of its own.
        UndeliveredAlert queued = pending(3, "CM-11", NOW.minusSeconds(90), 0, NOW.minusSeconds(1), null, null);

        DeliveryBacklog backlog = DeliveryBacklog.of(List.of(retrying, refused, queued), NOW);

        assertThat(backlog.lastError().alertId()).isEqualTo(2);
        assertThat(backlog.lastError().controlId()).isEqualTo("DS-05");
        assertThat(backlog.lastError().at()).isEqualTo(NOW.minusSeconds(8));
        assertThat(backlog.pending()).isEqualTo(2);
        assertThat(backlog.failed()).isEqualTo(1);
    }

    @Test
    void otherStatesAreNotPartOfTheBacklog() {
        UndeliveredAlert suppressed = new UndeliveredAlert(1, "CM-11", AlertState.SUPPRESSED, 0, NOW.minusSeconds(60),
                NOW.minusSeconds(60), null, "flapped");
        UndeliveredAlert unrouted = new UndeliveredAlert(2, "CM-11", AlertState.UNROUTED, 0, NOW.minusSeconds(60),
                NOW.minusSeconds(60), null, "no webhook for control CM-11");
        UndeliveredAlert sent = new UndeliveredAlert(3, "CM-11", AlertState.SENT, 1, NOW.minusSeconds(60),
                NOW.minusSeconds(60), NOW.minusSeconds(50), null);

        assertThat(DeliveryBacklog.of(List.of(suppressed, unrouted, sent), NOW).allDelivered()).isTrue();
    }

    @Test
    void anAlertRaisedByAnInstanceWhoseClockRunsAheadIsNotNegativelyOld() {
        UndeliveredAlert fromTheFuture = pending(1, "CM-11", NOW.plusSeconds(2), 1, NOW.plusSeconds(5),
                NOW.plusSeconds(3), SLACK_DOWN);

        assertThat(DeliveryBacklog.of(List.of(fromTheFuture), NOW).oldestPendingAge()).isEqualTo(Duration.ZERO);
    }

    private static UndeliveredAlert pending(long id, String control, Instant raised, int attempts, Instant next,
                                            Instant lastAttempt, String error) {
        return new UndeliveredAlert(id, control, AlertState.PENDING, attempts, raised, next, lastAttempt, error);
    }

    private static UndeliveredAlert failed(long id, String control, Instant raised, Instant lastAttempt,
                                           String error) {
        return new UndeliveredAlert(id, control, AlertState.FAILED, 1, raised, raised, lastAttempt, error);
    }
}
