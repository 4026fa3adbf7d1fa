package dev.vigil.common.evidence;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One observed resource at one moment: the normalized facts the rules judge, and where they came from.
 *
 * <p>The id is derived from source, resource key and the canonical facts (not the observation time), so
 * the same state observed twice, or a replayed record, carries the same id and is recognised as known.
 */
public record EvidenceEvent(
        String id,
        SourceRef source,
        String resourceType,
        String resourceKey,
        Instant observedAt,
        String runId,
        Map<String, Object> facts,
        Provenance provenance) {

    public EvidenceEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(resourceKey, "resourceKey");
        Objects.requireNonNull(observedAt, "observedAt");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(provenance, "provenance");
        facts = facts == null ? Map.of() : facts;
        observedAt = Times.micros(observedAt);
    }

    public static EvidenceEvent of(SourceRef source, String resourceType, String resourceKey, Instant observedAt,
                                   String runId, Map<String, Object> facts, Provenance provenance) {
        return new EvidenceEvent(idFor(source, resourceKey, facts), source, resourceType, resourceKey, observedAt,
                runId, facts, provenance);
    }

    public static String idFor(SourceRef source, String resourceKey, Map<String, Object> facts) {
        return "sha256:" + Hashing.sha256Hex(source.uri() + "\n" + resourceKey + "\n" + CanonicalJson.write(facts));
    }
}
