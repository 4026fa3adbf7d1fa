package dev.vigil.evaluator;

import dev.vigil.common.evidence.Times;
import dev.vigil.evaluator.evaluation.EvaluatorClock;

import java.time.Duration;
import java.time.Instant;

/** The real time plus an offset the test moves, installed in place of the evaluator's clock. */
class MovableClock extends EvaluatorClock {
    private volatile Duration offset = Duration.ZERO;

    @Override
    public Instant now() {
        return Times.micros(Instant.now().plus(offset));
    }

    void advance(Duration d) {
        offset = offset.plus(d);
    }
}
