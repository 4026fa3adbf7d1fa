package dev.vigil.report.generated;

import java.time.Instant;
import java.util.Map;

/**
 * One resource in scope at the evaluator, as a generated document cites it: its current evidence version, when it
 * was observed, the sha256 of the raw response it came from, and its facts.
 */
public record SourceResource(String resourceKey, String resourceType, String evidenceId, Instant observedAt,
                             String responseSha256, Map<String, Object> facts) {

    public Object fact(String name) {
        return facts.get(name);
    }

    public String text(String name) {
        Object v = facts.get(name);
        return v == null ? null : v.toString();
    }
}
