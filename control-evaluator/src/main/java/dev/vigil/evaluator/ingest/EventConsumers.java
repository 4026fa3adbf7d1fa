package dev.vigil.evaluator.ingest;

import dev.vigil.common.evidence.CollectionRunEvent;
import dev.vigil.common.evidence.EventCodec;
import dev.vigil.common.evidence.EvidenceEvent;
import dev.vigil.evaluator.evaluation.ControlEvaluationService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Duration;
import java.util.Set;

/**
 * Kafka adapters. A record is acknowledged (and its offset later committed) only after its transaction
 * committed. A malformed record throws, and the channel's dead-letter strategy moves it to the dead-letter
 * topic with the reason in the {@code dead-letter-reason} header; the records after it go on.
 */
@ApplicationScoped
public class EventConsumers {
    @Inject
    EvidenceIngestion evidence;
    @Inject
    RunIngestion runs;
    @Inject
    ControlEvaluationService evaluation;
    @ConfigProperty(name = "vigil.evaluator.max-attempts", defaultValue = "8")
    int maxAttempts;

    @Incoming("evidence")
    @Blocking
    public void onEvidence(String record) {
        EvidenceEvent e = EventCodec.decodeEvidence(record);
        boolean changed = Retrying.withBackoff("ingesting evidence " + e.id(), maxAttempts, Duration.ofMillis(200),
                Duration.ofSeconds(30), () -> evidence.ingest(e));
        if (!changed) {
            return;
        }
        if (ControlEvaluationService.DOCUMENT_TYPE.equals(e.resourceType()) && e.facts().get("controlId") instanceof String id) {
            evaluation.controlChanged(id); // an uploaded document evidences the control it names
        } else {
            evaluation.resourceTypesChanged(Set.of(e.resourceType()));
        }
    }

    @Incoming("collection-runs")
    @Blocking
    public void onCollectionRun(String record) {
        CollectionRunEvent r = EventCodec.decodeRun(record);
        Set<String> changed = Retrying.withBackoff("ingesting run event " + r.eventId(), maxAttempts,
                Duration.ofMillis(200), Duration.ofSeconds(30), () -> runs.ingest(r));
        evaluation.resourceTypesChanged(changed);
    }
}
