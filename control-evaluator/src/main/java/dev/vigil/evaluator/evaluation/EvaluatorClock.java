package dev.vigil.evaluator.evaluation;

import dev.vigil.common.evidence.Times;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** The evaluator's notion of now; a bean so tests can move time (freshness, exception expiry). */
@ApplicationScoped
public class EvaluatorClock {
    public Instant now() {
        return Times.micros(Instant.now());
    }
}
