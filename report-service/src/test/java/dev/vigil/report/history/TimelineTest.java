package dev.vigil.report.history;

import dev.vigil.common.evidence.ControlStatus;
import dev.vigil.common.evidence.ControlStatusEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineTest {
    private static final Instant T1 = Instant.parse("2026-11-01T10:00:00Z");
    private static final Instant T2 = T1.plusSeconds(3600);
    private static final Instant T3 = T1.plusSeconds(7200);
    private static final Instant T4 = T1.plusSeconds(10800);

    @Test
    void firstEvaluationOpensTheCurrentInterval() {
        List<StatusInterval> h = Timeline.apply(List.of(), event(T1, ControlStatus.PASS));

        assertThat(h).containsExactly(interval(T1, null, "PASS"));
    }

    @Test
    void newerEvaluationClosesTheCurrentIntervalAndOpensTheNext() {
        List<StatusInterval> h = replay(event(T1, ControlStatus.PASS), event(T2, ControlStatus.FAIL));

        assertThat(h).containsExactly(interval(T1, T2, "PASS"), interval(T2, null, "FAIL"));
    }

    @Test
    void redeliveredEvaluationChangesNothing() {
        List<StatusInterval> before = replay(event(T1, ControlStatus.PASS), event(T2, ControlStatus.FAIL));

        // Same evaluation time: the same event, whatever it says (evaluatedAt is strictly increasing per control).
        assertThat(Timeline.apply(before, event(T2, ControlStatus.FAIL))).isEqualTo(before);
        assertThat(Timeline.apply(before, event(T1, ControlStatus.NOT_EVALUATED))).isEqualTo(before);
        assertThat(Timeline.place(T2, List.of(T1, T2)).duplicate()).isTrue();
    }

    @Test
    void lateEvaluationSplitsTheIntervalItFallsInto() {
        List<StatusInterval> before = replay(event(T1, ControlStatus.PASS), event(T3, ControlStatus.PASS));

        List<StatusInterval> after = Timeline.apply(before, event(T2, ControlStatus.FAIL));

        // PASS [T1, T3) becomes PASS [T1, T2) + FAIL [T2, T3); the current interval is untouched.
        assertThat(after).containsExactly(interval(T1, T2, "PASS"), interval(T2, T3, "FAIL"),
                interval(T3, null, "PASS"));
    }

    @Test
    void evaluationOlderThanEverythingKnownGoesFirstAndEndsWhereHistoryBegan() {
        List<StatusInterval> before = replay(event(T2, ControlStatus.PASS));

        List<StatusInterval> after = Timeline.apply(before, event(T1, ControlStatus.NO_EVIDENCE));

        assertThat(after).containsExactly(interval(T1, T2, "NO_EVIDENCE"), interval(T2, null, "PASS"));
    }

    @Test
    void historyDependsOnWhichEventsArrivedNotOnTheirOrder() {
        List<ControlStatusEvent> events = List.of(event(T1, ControlStatus.PASS), event(T2, ControlStatus.FAIL),
                event(T3, ControlStatus.NOT_EVALUATED), event(T4, ControlStatus.PASS));
        List<StatusInterval> inOrder = replay(events.toArray(ControlStatusEvent[]::new));

        for (List<ControlStatusEvent> order : permutations(events)) {
            List<ControlStatusEvent> withRedelivery = new ArrayList<>(order);
            withRedelivery.add(order.get(0));
            withRedelivery.add(1, order.get(2));

            assertThat(replay(withRedelivery.toArray(ControlStatusEvent[]::new))).as("arrival order %s", order)
                    .isEqualTo(inOrder);
        }
        // A chain: each interval ends where the next begins, and only the last is open.
        assertThat(inOrder).extracting(StatusInterval::to).containsExactly(T2, T3, T4, null);
    }

    @Test
    void theNeighboursAloneGiveTheSamePlacementAsTheWholeHistory() {
        // The store reads only the intervals next to the new evaluation; that must be enough.
        List<Instant> all = List.of(T1, T2, T4);
        Instant late = T3;

        Timeline.Placement whole = Timeline.place(late, all);
        Timeline.Placement neighbours = Timeline.place(late, List.of(T2, T4));

        assertThat(neighbours).isEqualTo(whole);
        assertThat(whole).isEqualTo(new Timeline.Placement(false, T4, T2));
    }

    // ---- helpers ----

    private static List<StatusInterval> replay(ControlStatusEvent... events) {
        List<StatusInterval> h = List.of();
        for (ControlStatusEvent e : events) {
            h = Timeline.apply(h, e);
        }
        return h;
    }

    private static ControlStatusEvent event(Instant at, ControlStatus status) {
        return new ControlStatusEvent("LS-01", status, at, 2, List.of(), null);
    }

    private static StatusInterval interval(Instant from, Instant to, String status) {
        return new StatusInterval("LS-01", status, from, to, 2, List.of(), null);
    }

    private static <T> List<List<T>> permutations(List<T> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<T>> result = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            T head = items.get(i);
            List<T> rest = new ArrayList<>(items);
            rest.remove(i);
            permutations(rest).forEach(p -> result.add(Stream.concat(Stream.of(head), p.stream()).toList()));
        }
        return result;
    }
}
