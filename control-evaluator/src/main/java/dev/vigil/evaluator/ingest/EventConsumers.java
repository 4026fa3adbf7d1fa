package dev.vigil.evaluator.ingest;

import dev.vigil.common.evidence.CollectionRunEvent;
import dev.vigil.common.evidence.EventCodec;
import dev.vigil.common.evidence.EvidenceEvent;
import dev.vigil.common.ledger.LedgerChains;
import dev.vigil.common.retry.Backoff;
import dev.vigil.common.retry.ServiceStoppingException;
import dev.vigil.evaluator.evaluation.ControlEvaluationService;
import dev.vigil.evaluator.metrics.EvaluatorMetrics;
import dev.vigil.access.EventTrust;
import dev.vigil.access.GracefulStop;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kafka adapters. Records are acknowledged (and their offsets later committed) only after their transaction
 * committed.
 *
 * <p>Evidence arrives in polls (hundreds of records while a large collection streams in) and a poll is stored in
 * one transaction. A record that cannot be decoded goes to the dead-letter topic on its own, with the reason in
 * the {@code dead-letter-reason} header, and the rest of the poll goes on.
 *
 * <p>Transient is not poison ({@link Backoff}): while the database is down, restarting or overloaded, storing is
 * retried with capped backoff for as long as it takes, so consumption pauses in order and nothing that would succeed
 * later is dead-lettered. Only when storing the poll fails for a reason that will not pass is each record tried on
 * its own (transient failures again retried), and the one the database refuses goes to the dead-letter topic alone.
 * Run events are few and handled one by one the same way; the channel's dead-letter strategy keeps one that fails.
 *
 * <p>Before anything else a record must be signed by a trusted key, and once decoded its time must not be further
 * ahead than the allowed clock skew ({@link EventTrust}); otherwise it is dead-lettered with the reason
 * ({@code UNSIGNED}, {@code UNKNOWN_KEY(kid)}, {@code BAD_SIGNATURE(kid)}, {@code FUTURE_TIME}) and never stored.
 * Evidence records are admitted as they are fetched, on the consumer's thread ({@link AdmittedEvidenceDeserializer}),
 * while the poll before is being stored; run events here.
 *
 * <p>A graceful stop is not poison either ({@link GracefulStop}): once the service stops, a poll or run event is not
 * started, one in hand may finish, and one that fails meanwhile (the database closing under it) is given back with a
 * {@link ServiceStoppingException}: neither acknowledged nor dead-lettered, so Kafka delivers it again after the
 * restart.
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
    Event<EvidenceChanged> evidenceChanged;
    @Inject
    EvaluatorMetrics metrics;
    @Inject
    EventTrust trust;

    @Inject
    GracefulStop stop;

    private final Backoff backoff = Backoff.consumer(() -> stop.stopping());

    @Incoming("evidence")
    @Blocking
    public void onEvidence(ConsumerRecords<String, AdmittedEvidence> records) {
        try (GracefulStop.InHand poll = stop.begin("a poll of " + records.count() + " evidence record(s)")) {
            List<ConsumerRecord<String, AdmittedEvidence>> decodable = new ArrayList<>();
            List<EvidenceEvent> events = new ArrayList<>();
            List<String> chains = new ArrayList<>(); // each event's ledger chain: its partition's
            // Dead letters go out once the poll is settled: a poll given back because the service stops comes
            // again whole after the restart, and its poison would otherwise be dead-lettered twice.
            Map<ConsumerRecord<String, AdmittedEvidence>, Throwable> poison = new LinkedHashMap<>();
            for (ConsumerRecord<String, AdmittedEvidence> record : records) {
                AdmittedEvidence admitted = record.value(); // checked and decoded as it was fetched
                if (admitted.isAdmitted()) {
                    events.add(admitted.event());
                    chains.add(LedgerChains.ofPartition(record.topic(), record.partition()));
                    decodable.add(record);
                } else {
                    poison.put(record, admitted.refusal());
                }
            }
            try {
                changed(backoff.untilDone("storing a poll of " + events.size() + " evidence record(s)",
                        () -> evidence.ingest(events, chains)));
                metrics.stored(events.stream().map(EvidenceEvent::observedAt).toList(), Instant.now());
            } catch (ServiceStoppingException stopping) {
                throw stopping; // neither acknowledged nor dead-lettered (DeadLetterUnlessStopping)
            } catch (RuntimeException pollFailed) {
                LOG.warnf("storing a poll of %d evidence records failed for a reason that will not pass; storing "
                        + "them one by one: %s", events.size(), Backoff.rootMessage(pollFailed));
                for (int i = 0; i < events.size(); i++) {
                    EvidenceEvent e = events.get(i);
                    String chain = chains.get(i);
                    try {
                        changed(backoff.untilDone("storing evidence " + e.id(),
                                () -> evidence.ingest(List.of(e), List.of(chain))));
                        metrics.stored(List.of(e.observedAt()), Instant.now());
                    } catch (ServiceStoppingException stopping) {
                        throw stopping;
                    } catch (RuntimeException recordFailed) {
                        poison.put(decodable.get(i), new IllegalStateException("storing evidence " + e.id()
                                + " failed: " + Backoff.rootMessage(recordFailed), recordFailed));
                    }
                }
            }
            poison.forEach(deadLetters::send);
            metrics.deadLettered(poison.size());
        }
    }

    private void changed(EvidenceIngestion.Changes changes) {
        changes.controls().forEach(evaluation::controlChanged);
        evaluation.resourceTypesChanged(changes.resourceTypes());
        evidenceChanged.fire(new EvidenceChanged(changes.resourceTypes()));
    }

    @Incoming("collection-runs")
    @Blocking
    public void onCollectionRun(ConsumerRecord<String, String> record) {
        MDC.put("record", record.topic() + "-" + record.partition() + "@" + record.offset());
        try (GracefulStop.InHand run = stop.begin("run event " + record.topic() + "-" + record.partition() + "@"
                + record.offset())) {
            trust.requireTrusted(record);
            CollectionRunEvent r = EventCodec.decodeRun(record.value());
            MDC.put("runId", r.runId());
            trust.requireNotFuture(r.at());
            trust.requireNotFuture(r.startedAt()); // scope settles by it: a future start would retire every resource
            Set<String> changed;
            try {
                changed = backoff.untilDone("storing run event " + r.eventId(), () -> runs.ingest(r));
            } catch (ServiceStoppingException stopping) {
                throw stopping; // the channel neither acknowledges nor dead-letters it (DeadLetterUnlessStopping)
            } catch (RuntimeException failed) { // the channel dead-letters it, this message as the reason
                throw new IllegalStateException("storing run event " + r.eventId() + " failed: "
                        + Backoff.rootMessage(failed), failed);
            }
            evaluation.resourceTypesChanged(changed);
            evidenceChanged.fire(new EvidenceChanged(changed));
        } finally {
            MDC.remove("record");
            MDC.remove("runId");
        }
    }
}
