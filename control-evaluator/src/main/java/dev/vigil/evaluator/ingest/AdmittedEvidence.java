package dev.vigil.evaluator.ingest;

import dev.vigil.common.evidence.EvidenceEvent;

import java.util.Objects;

/**
 * An evidence record as its consumer admitted it ({@link AdmittedEvidenceDeserializer}): the value as it came from the
 * broker, and either the event (signed by a trusted key, decoded, not dated ahead) or why it was refused.
 *
 * @param value   the record's bytes, exactly: what a dead letter carries
 * @param event   the decoded event, or null when refused
 * @param refusal why it may not be stored ({@code MalformedEventException}, {@code RejectedEventException}), or null
 */
public record AdmittedEvidence(byte[] value, EvidenceEvent event, RuntimeException refusal) {
    public AdmittedEvidence {
        if ((event == null) == (refusal == null)) {
            throw new IllegalArgumentException("an admitted record has an event or a refusal, not both or neither");
        }
    }

    static AdmittedEvidence admitted(byte[] value, EvidenceEvent event) {
        return new AdmittedEvidence(value, Objects.requireNonNull(event), null);
    }

    static AdmittedEvidence refused(byte[] value, RuntimeException refusal) {
        return new AdmittedEvidence(value, null, Objects.requireNonNull(refusal));
    }

    public boolean isAdmitted() {
        return event != null;
    }
}
