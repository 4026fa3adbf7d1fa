package dev.vigil.report.alerts;

import dev.vigil.common.retry.BackoffSchedule;
import dev.vigil.common.retry.RetryAfter;

import java.time.Duration;
import java.time.Instant;

/**
 * What to do after an attempt to post an alert (plain Java, no I/O). 2xx: sent. 429 (waiting at least its
 * {@code Retry-After}), 5xx and I/O errors: retry with exponential backoff for as long as the alert is younger than
 * {@code maxAge} (a Slack outage of hours still ends in delivery), then fail with the last error kept. Any other
 * status (400 {@code invalid_payload}, 403, 404 {@code no_service}, 410 {@code channel_is_archived}) fails at once:
 * trying again cannot help.
 */
public final class DeliveryPolicy {
    static final int BODY_MAX = 200;

    private final Duration maxAge;
    private final BackoffSchedule backoff;

    public DeliveryPolicy(Duration maxAge, Duration initialBackoff, Duration maxBackoff) {
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("vigil.alerts.delivery.max-age must be positive");
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("vigil.alerts.delivery backoffs: need 0 <= initial-backoff <= max-backoff");
        }
        this.maxAge = maxAge;
        this.backoff = new BackoffSchedule(initialBackoff, maxBackoff);
    }

    /** The webhook's answer: status, the {@code Retry-After} header (or null) and the body. */
    public record Answer(int status, String retryAfter, String body) {
    }

    /** The outcome of an attempt. */
    public sealed interface Next {
    }

    public record Sent() implements Next {
    }

    public record Retry(Instant at, String error) implements Next {
    }

    public record Failed(String error) implements Next {
    }

    /**
     * @param attempt the number of this attempt, from 1
     * @param since   when the alert was raised: it is retried until it is {@code maxAge} old
     * @param where   the route, described without its URL, for the error text
     */
    public Next after(int attempt, Instant since, Answer answer, String where, Instant now) {
        int status = answer.status();
        if (status >= 200 && status < 300) {
            return new Sent();
        }
        String error = "HTTP " + status + " from " + where + bodyText(answer.body());
        if (status == 429 || status >= 500) {
            Duration wait = backoff(attempt);
            Duration asked = retryAfter(answer.retryAfter(), now);
            if (asked != null && asked.compareTo(wait) > 0) {
                wait = asked;
            }
            return retryOrFail(attempt, since, error, now.plus(wait));
        }
        return new Failed(error + (status >= 400 && status < 500 ? " (not retried: the webhook refused the message)" : ""));
    }

    /** After an I/O error (connection refused, timeout): retried like a 5xx. */
    public Next afterError(int attempt, Instant since, String error, Instant now) {
        return retryOrFail(attempt, since, error, now.plus(backoff(attempt)));
    }

    /** The wait after attempt {@code attempt}: initial-backoff, doubled each attempt, at most max-backoff. */
    Duration backoff(int attempt) {
        return backoff.delay(attempt);
    }

    private Next retryOrFail(int attempt, Instant since, String error, Instant retryAt) {
        if (retryAt.isAfter(since.plus(maxAge))) {
            return new Failed(error + " (gave up after " + attempt + (attempt == 1 ? " attempt" : " attempts")
                    + ": the alert would be older than vigil.alerts.delivery.max-age, " + maxAge + ")");
        }
        return new Retry(retryAt, error);
    }

    /** {@code Retry-After} in seconds or as an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String header, Instant now) {
        return RetryAfter.parse(header, now);
    }

    private static String bodyText(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return ": " + (oneLine.length() <= BODY_MAX ? oneLine : oneLine.substring(0, BODY_MAX) + "…");
    }
}
