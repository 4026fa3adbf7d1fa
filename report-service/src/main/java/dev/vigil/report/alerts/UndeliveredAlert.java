package dev.vigil.report.alerts;

import java.time.Instant;

/**
 * An alert as the delivery backlog sees it: PENDING, or FAILED lately (a row of report.alert without its payload).
 *
 * @param nextAttemptAt PENDING: not before (its hold for flapping or the NOT_EVALUATED threshold, then backoff)
 * @param lastAttemptAt when it was last posted; null while never tried
 * @param lastError     the last delivery error (webhooks named by route and host only, never their URL)
 */
public record UndeliveredAlert(long id, String controlId, AlertState state, int attempts, Instant createdAt,
                               Instant nextAttemptAt, Instant lastAttemptAt, String lastError) {
}
