package dev.vigil.evaluator.ingest;

import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes an admitted evidence record back as the bytes it came as: how the connector's dead-letter strategy
 * ({@code dead-letter-queue.value.serializer}) republishes a record of the evidence channel.
 */
public class AdmittedEvidenceSerializer implements Serializer<AdmittedEvidence> {
    @Override
    public byte[] serialize(String topic, AdmittedEvidence data) {
        return data == null ? null : data.value();
    }
}
