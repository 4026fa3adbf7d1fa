package dev.vigil.evaluator.evaluation;

import java.time.Duration;

/**
 * How soon work that re-reads everything it judges (evaluating the dirty controls, deriving identities) may run
 * again: at most {@code share} of the time. While a large collection streams in, every tick finds its controls dirty
 * again, and a tick that reads 20,000 resources each second would keep a core and the database busy re-judging a
 * state that is still moving; paced, it runs as often as its cost allows, and a cheap tick (the usual case: one
 * change, a few resources) is never held back beyond the scheduler's interval. The pause only holds while input
 * keeps arriving: once none has arrived for the quiet period, the state has stopped moving and judging it is no longer
 * wasted, so the work is due at once (the end of a collection is judged seconds after its last evidence, not after
 * the rest of a pause).
 *
 * <p>Plain arithmetic on {@link System#nanoTime()} readings, so it is tested on numbers.
 */
public final class EvaluationPace {
    private final double share;
    private final long maxWaitNanos;
    private final long quietNanos;
    private long notBefore;
    private boolean started;
    private long lastInput;
    private boolean inputSeen;

    /**
     * @param share   the most of the time the work may take, in (0, 1]; 1 means no pause
     * @param maxWait the longest pause after one run, whatever it cost (detection latency stays bounded)
     * @param quiet   how long without input ends a pause: the state stopped moving
     */
    public EvaluationPace(double share, Duration maxWait, Duration quiet) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be in (0, 1], was " + share);
        }
        this.share = share;
        this.maxWaitNanos = maxWait.toNanos();
        this.quietNanos = quiet.toNanos();
    }

    /** Input the work judges arrived at {@code now} (evidence stored, an exception or scope changed). */
    public synchronized void inputArrived(long now) {
        lastInput = now;
        inputSeen = true;
    }

    /** Whether the work may run at {@code now}: not paused, or paused but nothing arrived for the quiet period. */
    public synchronized boolean due(long now) {
        return !started || now - notBefore >= 0 || !inputSeen || now - lastInput >= quietNanos;
    }

    /** The work ran from {@code start} to {@code end}: it pauses for its cost times (1 / share - 1), capped. */
    public synchronized void ran(long start, long end) {
        long took = Math.max(0, end - start);
        long pause = (long) Math.min((double) maxWaitNanos, took * (1 / share - 1));
        notBefore = end + pause;
        started = true;
    }
}
