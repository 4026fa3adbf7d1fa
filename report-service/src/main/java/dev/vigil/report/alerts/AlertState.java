package dev.vigil.report.alerts;

/** What became of an alert. Only PENDING alerts are ever sent, and each is sent at most once successfully. */
public enum AlertState {
    /** Recorded, waiting until it is due (its hold, then any backoff) to be sent. */
    PENDING,
    /** Slack accepted it. */
    SENT,
    /** Slack refused it (4xx other than 429), or every attempt failed; {@code lastError} says why. */
    FAILED,
    /** Never sent: its condition ended within its hold (flapping), or it was too old when received. */
    SUPPRESSED,
    /** Due, but no webhook is configured for its control, its category, or by default. */
    UNROUTED
}
