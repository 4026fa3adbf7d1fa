package dev.vigil.report.history;

import dev.vigil.common.evidence.ControlStatusEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Where an evaluation goes in a control's history. Each evaluation opens an interval that lasts until the
 * control's next evaluation, so a history is a chain of intervals, each ending where the next begins, the last
 * one open. Events carry a strictly increasing {@code evaluatedAt} per control, which makes the chain a
 * function of the set of events received, not of the order they arrived in:
 *
 * <ul>
 *   <li>an evaluation already in the chain (same start) is a redelivery or replay: nothing changes;</li>
 *   <li>otherwise its interval runs until the next later start in the chain (open if there is none), and the
 *       interval before it, if any, now ends where it begins. A late event thus splits the interval it falls
 *       into, exactly as if it had arrived on time.</li>
 * </ul>
 */
public final class Timeline {
    private Timeline() {
    }

    /**
     * The effect of an evaluation at {@code at} on a chain whose interval starts include {@code starts}. Only the
     * neighbours matter (the latest start before {@code at}, the earliest after, and {@code at} itself), so a
     * caller may pass just those instead of the whole history.
     */
    public static Placement place(Instant at, Collection<Instant> starts) {
        Instant previous = null;
        Instant next = null;
        for (Instant s : starts) {
            if (s.equals(at)) {
                return Placement.DUPLICATE;
            }
            if (s.isBefore(at) && (previous == null || s.isAfter(previous))) {
                previous = s;
            } else if (s.isAfter(at) && (next == null || s.isBefore(next))) {
                next = s;
            }
        }
        return new Placement(false, next, previous);
    }

    /** The history after {@code event}, sorted by start; the same list if the event was already in it. */
    public static List<StatusInterval> apply(List<StatusInterval> history, ControlStatusEvent event) {
        Placement p = place(event.evaluatedAt(), history.stream().map(StatusInterval::from).toList());
        if (p.duplicate()) {
            return history;
        }
        List<StatusInterval> result = new ArrayList<>(history.size() + 1);
        for (StatusInterval i : history) {
            result.add(i.from().equals(p.closePreviousStartingAt()) ? i.endingAt(event.evaluatedAt()) : i);
        }
        result.add(StatusInterval.of(event, p.newIntervalEnd()));
        result.sort(Comparator.comparing(StatusInterval::from));
        return List.copyOf(result);
    }

    /**
     * What to write.
     *
     * @param duplicate               the evaluation is already recorded: write nothing
     * @param newIntervalEnd          where the new interval ends: the next evaluation, or null (it is current)
     * @param closePreviousStartingAt the start of the interval that now ends at the new one's start, or null if
     *                                the new evaluation is the earliest known
     */
    public record Placement(boolean duplicate, Instant newIntervalEnd, Instant closePreviousStartingAt) {
        static final Placement DUPLICATE = new Placement(true, null, null);
    }
}
