package dev.vigil.report.alerts;

import dev.vigil.report.alerts.DeliveryPolicy.Answer;
import dev.vigil.report.alerts.DeliveryPolicy.Failed;
import dev.vigil.report.alerts.DeliveryPolicy.Retry;
import dev.vigil.report.alerts.DeliveryPolicy.Sent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryPolicyTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final String WHERE = "default (hooks.slack.com)";
    /** Raised a minute before NOW; retried until it is an hour old. */
    private static final Instant RAISED = NOW.minusSeconds(60);
    private final DeliveryPolicy policy = new DeliveryPolicy(Duration.ofHours(1), Duration.ofSeconds(10),
            Duration.ofSeconds(60));

    @Test
    void twoHundredIsSent() {
        assertThat(policy.after(1, RAISED, new Answer(200, null, "ok"), WHERE, NOW)).isInstanceOf(Sent.class);
    }

    @Test
    void serverErrorsAreRetriedWithExponentialBackoffCappedAtMax() {
        assertThat(policy.backoff(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.backoff(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(policy.backoff(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(policy.backoff(4)).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.backoff(30)).isEqualTo(Duration.ofSeconds(60));

        Retry retry = (Retry) policy.after(2, RAISED, new Answer(503, null, "upstream down"), WHERE, NOW);
        assertThat(retry.at()).isEqualTo(NOW.plusSeconds(20));
        assertThat(retry.error()).isEqualTo("HTTP 503 from default (hooks.slack.com): upstream down");
    }

    @Test
    void tooManyRequestsWaitsAtLeastRetryAfter() {
        Retry asked = (Retry) policy.after(1, RAISED, new Answer(429, "120", "rate_limited"), WHERE, NOW);
        assertThat(asked.at()).isEqualTo(NOW.plusSeconds(120));
        Retry date = (Retry) policy.after(1, RAISED, new Answer(429, "Mon, 23 Nov 2026 10:00:30 GMT", ""), WHERE, NOW);
        assertThat(date.at()).isEqualTo(NOW.plusSeconds(30));
        // Shorter than the backoff, or unreadable: the backoff.
        assertThat(((Retry) policy.after(3, RAISED, new Answer(429, "1", ""), WHERE, NOW)).at()).isEqualTo(NOW.plusSeconds(40));
        assertThat(((Retry) policy.after(1, RAISED, new Answer(429, "soon", ""), WHERE, NOW)).at()).isEqualTo(NOW.plusSeconds(10));
    }

    @Test
    void anOutageIsRetriedUntilTheAlertIsMaxAgeOldThenFailsWithTheErrorKept() {
        // The 40th attempt, 55 minutes in: the next try (60 s later) is still within the hour.
        Instant late = RAISED.plus(Duration.ofMinutes(55));
        assertThat(policy.after(40, RAISED, new Answer(503, null, "down"), WHERE, late))
                .isEqualTo(new Retry(late.plusSeconds(60), "HTTP 503 from default (hooks.slack.com): down"));
        // 59.5 minutes in: the next try would come after the hour.
        Instant last = RAISED.plus(Duration.ofSeconds(3570));
        Failed failed = (Failed) policy.after(41, RAISED, new Answer(500, null, "boom"), WHERE, last);
        assertThat(failed.error()).isEqualTo("HTTP 500 from default (hooks.slack.com): boom (gave up after 41 attempts: "
                + "the alert would be older than vigil.alerts.delivery.max-age, PT1H)");
        Failed io = (Failed) policy.afterError(41, RAISED, "ConnectException posting to default (hooks.slack.com)", last);
        assertThat(io.error()).startsWith("ConnectException posting to default (hooks.slack.com) (gave up after 41 attempts");
        assertThat(policy.afterError(1, RAISED, "timeout", NOW)).isEqualTo(new Retry(NOW.plusSeconds(10), "timeout"));
    }

    @Test
    void otherClientErrorsFailAtOnce() {
        Failed gone = (Failed) policy.after(1, RAISED, new Answer(410, null, "channel_is_archived"), WHERE, NOW);
        assertThat(gone.error()).isEqualTo("HTTP 410 from default (hooks.slack.com): channel_is_archived "
                + "(not retried: the webhook refused the message)");
        assertThat(policy.after(1, RAISED, new Answer(400, null, "invalid_payload"), WHERE, NOW)).isInstanceOf(Failed.class);
        assertThat(policy.after(1, RAISED, new Answer(404, null, "no_service"), WHERE, NOW)).isInstanceOf(Failed.class);
    }

    @Test
    void longBodiesAreCut() {
        Failed f = (Failed) policy.after(1, RAISED, new Answer(400, null, "x".repeat(1000)), WHERE, NOW);
        assertThat(f.error()).hasSizeLessThan(300).contains("x".repeat(DeliveryPolicy.BODY_MAX) + "…");
    }
}
