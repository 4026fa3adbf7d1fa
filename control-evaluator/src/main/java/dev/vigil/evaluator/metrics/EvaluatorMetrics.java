package dev.vigil.evaluator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;

/**
 * The evaluator's own work, at {@code /q/metrics} beside the framework's (Kafka consumer lag in records, HTTP,
 * JVM): evidence events stored and dead-lettered, how old evidence is when it is stored (the delay between a
 * collector observing a change and the evaluator holding it), and how long evaluating a control takes, split by
 * whether it published a new status.
 */
@ApplicationScoped
public class EvaluatorMetrics {
    private final Counter stored;
    private final Counter deadLettered;
    private final Timer evidenceAge;
    private final Timer evaluationPublished;
    private final Timer evaluationUnchanged;

    public EvaluatorMetrics(MeterRegistry registry) {
        stored = Counter.builder("vigil.evaluator.evidence.events").tag("outcome", "stored")
                .description("Evidence events stored (a redelivered one counts again; its version does not)")
                .register(registry);
        deadLettered = Counter.builder("vigil.evaluator.evidence.events").tag("outcome", "dead_lettered")
                .description("Evidence events sent to the dead-letter topic, each with its reason")
                .register(registry);
        evidenceAge = Timer.builder("vigil.evaluator.evidence.age")
                .description("From a collector observing a resource to the evaluator storing that evidence")
                .register(registry);
        evaluationPublished = evaluation(registry, "true");
        evaluationUnchanged = evaluation(registry, "false");
    }

    private static Timer evaluation(MeterRegistry registry, String published) {
        return Timer.builder("vigil.evaluator.evaluation").tag("published", published)
                .description("Evaluating one control; published=true when its status changed and was published")
                .register(registry);
    }

    /** A poll's evidence, stored: how many, and when each was observed. */
    public void stored(Iterable<Instant> observedAt, Instant now) {
        for (Instant at : observedAt) {
            stored.increment();
            Duration age = Duration.between(at, now);
            evidenceAge.record(age.isNegative() ? Duration.ZERO : age); // a collector's clock a little ahead
        }
    }

    public void deadLettered(int count) {
        deadLettered.increment(count);
    }

    public void evaluated(long nanos, boolean published) {
        (published ? evaluationPublished : evaluationUnchanged).record(Duration.ofNanos(nanos));
    }
}
