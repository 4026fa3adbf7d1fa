package dev.vigil.collector.events;

/**
 * A token bucket: {@code burst} deliveries at once, refilled at {@code perSecond}. One per provider, so a flood
 * to one receiver does not starve another; what is over the limit is refused (429) before its signature is
 * computed, so a flood costs no HMAC over large bodies. The provider retries refused deliveries, or the next sweep
 * reads what they named.
 */
public final class RateLimit {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private final double perNano;
    private final double burst;
    private double tokens;
    private long last;

    public RateLimit(int perSecond, int burst, long nowNanos) {
        if (perSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("rate limit and burst must be at least 1");
        }
        this.perNano = perSecond / (double) NANOS_PER_SECOND;
        this.burst = burst;
        this.tokens = burst;
        this.last = nowNanos;
    }

    /** Takes one delivery's token if there is one. */
    public synchronized boolean tryTake(long nowNanos) {
        tokens = Math.min(burst, tokens + Math.max(0, nowNanos - last) * perNano);
        last = Math.max(last, nowNanos);
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
