package dev.vigil.evaluator.ingest;

import dev.vigil.common.evidence.CollectionRunEvent;
import dev.vigil.common.evidence.EventCodec;
import dev.vigil.common.evidence.EvidenceEvent;
import dev.vigil.common.evidence.MalformedEventException;
import dev.vigil.common.signing.RejectedEventException;
import dev.vigil.evaluator.evaluation.ControlEvaluationService;
import dev.vigil.evaluator.identity.IdentityDerivation;
import dev.vigil.access.EventTrust;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Kafka adapters. Records are acknowledged (and their offsets later committed) only after their transaction
 * committed.
 *
 * <p>Evidence arrives in polls (hundreds of records while a large collection streams in) and a poll is stored in
 * one transaction. A record that cannot be decoded goes to the dead-letter topic on its own, with the reason in
 * the {@code dead-letter-reason} header, and the rest of the poll goes on. When storing the poll fails even after
 * retries, each record is tried on its own, so one record the database refuses cannot hold back the others.
 * Run events are few and handled one by one; the channel's dead-letter strategy keeps one that fails.
 *
 * <p>Before anything else a record must be signed by a trusted key, and once decoded its time must not be further
 * ahead than the allowed clock skew ({@link EventTrust}); otherwise it is dead-lettered with the reason
 * ({@code UNSIGNED}, {@code UNKNOWN_KEY(kid)}, {@code BAD_SIGNATURE(kid)}, {@code FUTURE_TIME}) and never stored.
 */
@ApplicationScoped
public class EventConsumers {
    private static final Logger LOG = Logger.getLogger(EventConsumers.class);

    @Inject
    EvidenceIngestion evidence;
    @Inject
    RunIngestion runs;
    @Inject
    ControlEvaluationService evaluation;
    @Inject
    DeadLetters deadLetters;
    @Inject
    IdentityDerivation identities;
    @Inject
    EventTrust trust;
    @ConfigProperty(name = "vigil.evaluator.max-attempts", defaultValue = "8")
    int maxAttempts;

    @Incoming("evidence")
    @Blocking
    public void onEvidence(ConsumerRecords<String, String> records) {
        List<ConsumerRecord<String, String>> decodable = new ArrayList<>();
        List<EvidenceEvent> events = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                trust.requireTrusted(record);
                EvidenceEvent event = EventCodec.decodeEvidence(record.value());
                trust.requireNotFuture(event.observedAt());
                events.add(event);
                decodable.add(record);
            } catch (MalformedEventException | RejectedEventException e) {
                deadLetters.send(record, e);
            }
        }
        try {
            changed(Retrying.withBackoff("ingesting " + events.size() + " evidence record(s)", maxAttempts,
                    Duration.ofMillis(200), Duration.ofSeconds(30), () -> evidence.ingest(events)));
        } catch (RuntimeException pollFailed) {
            LOG.warnf("storing a poll of %d evidence records failed; storing them one by one: %s", events.size(),
                    Retrying.rootMessage(pollFailed));
            for (int i = 0; i < events.size(); i++) {
                EvidenceEvent e = events.get(i);
                try {
                    changed(Retrying.withBackoff("ingesting evidence " + e.id(), 2, Duration.ofMillis(200),
                            Duration.ofSeconds(1), () -> evidence.ingest(List.of(e))));
                } catch (RuntimeException recordFailed) {
                    deadLetters.send(decodable.get(i), recordFailed);
                }
            }
        }
    }

    private void changed(EvidenceIngestion.Changes changes) {
        changes.controls().forEach(evaluation::controlChanged);
        evaluation.resourceTypesChanged(changes.resourceTypes());
        identities.inputsChanged(changes.resourceTypes());
    }

    @Incoming("collection-runs")
    @Blocking
    public void onCollectionRun(ConsumerRecord<String, String> record) {
        trust.requireTrusted(record);
        CollectionRunEvent r = EventCodec.decodeRun(record.value());
        trust.requireNotFuture(r.at());
        trust.requireNotFuture(r.startedAt()); // scope settles by it: a future start would retire every resource
        Set<String> changed = Retrying.withBackoff("ingesting run event " + r.eventId(), maxAttempts,
                Duration.ofMillis(200), Duration.ofSeconds(30), () -> runs.ingest(r));
        evaluation.resourceTypesChanged(changed);
        identities.inputsChanged(changed);
    }
}
