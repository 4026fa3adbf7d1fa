package dev.vigil.evaluator.ingest;

import dev.vigil.access.EventTrust;
import dev.vigil.common.evidence.EventCodec;
import dev.vigil.common.evidence.EvidenceEvent;
import dev.vigil.common.evidence.MalformedEventException;
import dev.vigil.common.signing.RejectedEventException;
import io.quarkus.arc.Arc;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Admits evidence records as the consumer fetches them: checks each signature against the trusted keys, decodes the
 * event and checks its time ({@link EventTrust}), on the Kafka consumer's own thread. The signature check is most of
 * what the evaluator spends per record (docs/benchmarks.md), and here it runs while the worker thread stores the poll
 * before, instead of before it, one after the other. Never throws: a record that is not admitted carries its refusal
 * to {@link EventConsumers}, which dead-letters it with the reason, as before.
 */
public class AdmittedEvidenceDeserializer implements Deserializer<AdmittedEvidence> {
    private volatile EventTrust lookedUp;

    /** Kafka creates deserializers by class name, not CDI: the service's trust is looked up once, when first needed. */
    private EventTrust trust() {
        EventTrust t = lookedUp;
        if (t == null) {
            t = Arc.container().instance(EventTrust.class).get();
            lookedUp = t;
        }
        return t;
    }

    @Override
    public AdmittedEvidence deserialize(String topic, byte[] data) {
        return deserialize(topic, null, data);
    }

    @Override
    public AdmittedEvidence deserialize(String topic, Headers headers, byte[] data) {
        EventTrust trust = trust(); // outside the try: a service that cannot say what it trusts must not refuse all
        try {
            trust.requireTrusted(data, headers);
            EvidenceEvent event = EventCodec.decodeEvidence(data);
            trust.requireNotFuture(event.observedAt());
            return AdmittedEvidence.admitted(data, event);
        } catch (MalformedEventException | RejectedEventException e) {
            return AdmittedEvidence.refused(data, e);
        } catch (RuntimeException e) {
            // A deserializer that throws stops the consumer's poll loop on this record: anything the decoder did not
            // foresee is a record that cannot be read, refused like any other.
            return AdmittedEvidence.refused(data, new MalformedEventException("cannot be decoded: " + e, e));
        }
    }
}
