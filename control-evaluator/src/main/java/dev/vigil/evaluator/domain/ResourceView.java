package dev.vigil.evaluator.domain;

import dev.vigil.common.evidence.Provenance;

import java.time.Instant;
import java.util.Map;

/** A resource in scope as the evaluator knows it: its latest evidence and the rule verdicts on it. */
public record ResourceView(
        String resourceKey,
        String resourceType,
        String source,
        String evidenceId,
        Instant observedAt,
        Provenance provenance,
        Map<String, Verdict> verdicts) {
}
