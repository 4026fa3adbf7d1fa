package dev.vigil.report.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Slack delivery backlog: alerts that are news and have not reached Slack, and why (plain Java, from the alert
 * rows). The dashboard, {@code GET /api/alerts/backlog} and the metrics show it, so an alert is delivered or
 * visibly stuck, never silently late.
 * <p>
 * An alert still held by design (the flap delay, the NOT_EVALUATED threshold) and never tried is not late: it is
 * counted as {@code held}, not {@code pending}. An alert waiting behind an older one of its control is pending.
 *
 * @param pending          PENDING alerts that are due or were tried: delivery owes them
 * @param held             PENDING alerts within their hold, never tried: not due yet
 * @param oldestPendingAt  when the oldest pending alert was raised; null when none is pending
 * @param oldestPendingAge how long ago that was (retries stop at vigil.alerts.delivery.max-age); zero when none
 * @param failedSince      the start of the window {@code failed} counts in: {@link #FAILED_WITHIN} before now
 * @param failed           alerts given up (FAILED) since {@code failedSince}: never delivered
 * @param lastError        the latest delivery error among the pending and failed alerts; null when there is none
 */
public record DeliveryBacklog(int pending, int held, Instant oldestPendingAt, Duration oldestPendingAge,
                              Instant failedSince, int failed, LastError lastError) {
    /** Failures stay in the backlog this long after their last attempt, then only the alert history has them. */
    public static final Duration FAILED_WITHIN = Duration.ofHours(24);

    /** The latest delivery error: which alert, when it was tried, and the error. */
    public record LastError(long alertId, String controlId, AlertState state, int attempts, Instant at,
                            String error) {
    }

    /** Nothing owed and nothing given up lately: the dashboard shows no backlog. */
    public boolean allDelivered() {
        return pending == 0 && failed == 0;
    }

    /**
     * @param alerts PENDING alerts and FAILED ones (others, and failures before the window, are left out here too)
     */
    public static DeliveryBacklog of(Collection<UndeliveredAlert> alerts, Instant now) {
        Instant failedSince = now.minus(FAILED_WITHIN);
        List<UndeliveredAlert> pending = alerts.stream()
                .filter(a -> a.state() == AlertState.PENDING && !heldByDesign(a, now))
                .toList();
        int held = (int) alerts.stream()
                .filter(a -> a.state() == AlertState.PENDING && heldByDesign(a, now))
                .count();
        List<UndeliveredAlert> failed = alerts.stream()
                .filter(a -> a.state() == AlertState.FAILED && a.lastAttemptAt() != null
                        && !a.lastAttemptAt().isBefore(failedSince))
                .toList();
        Optional<UndeliveredAlert> oldest = pending.stream()
                .min(Comparator.comparing(UndeliveredAlert::createdAt).thenComparing(UndeliveredAlert::id));
        Optional<LastError> lastError = Stream.concat(pending.stream(), failed.stream())
                .filter(a -> a.lastError() != null && a.lastAttemptAt() != null)
                .max(Comparator.comparing(UndeliveredAlert::lastAttemptAt).thenComparing(UndeliveredAlert::id))
                .map(a -> new LastError(a.id(), a.controlId(), a.state(), a.attempts(), a.lastAttemptAt(),
                        a.lastError()));
        return new DeliveryBacklog(pending.size(), held,
                oldest.map(UndeliveredAlert::createdAt).orElse(null),
                oldest.map(a -> age(a.createdAt(), now)).orElse(Duration.ZERO),
                failedSince, failed.size(), lastError.orElse(null));
    }

    /** Within its hold and never tried: waiting on purpose, not on Slack. */
    private static boolean heldByDesign(UndeliveredAlert a, Instant now) {
        return a.attempts() == 0 && a.nextAttemptAt().isAfter(now);
    }

    /** Never negative: another instance's clock may run a little ahead of ours. */
    private static Duration age(Instant raised, Instant now) {
        Duration d = Duration.between(raised, now);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
