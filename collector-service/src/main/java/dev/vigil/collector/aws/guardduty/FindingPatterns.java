package dev.vigil.collector.aws.guardduty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.common.evidence.EventCodec;

/**
 * Whether an EventBridge rule's event pattern catches GuardDuty findings: its {@code source} names
 * {@code aws.guardduty} and its {@code detail-type}, when it has one, names {@code GuardDuty Finding}. A pattern that
 * narrows further (a severity, a finding type) still routes findings, so it counts; what it leaves out is in the
 * pattern, which the evidence keeps.
 */
final class FindingPatterns {
    static final String SOURCE = "aws.guardduty";
    static final String DETAIL_TYPE = "GuardDuty Finding";

    private FindingPatterns() {
    }

    /** False for a schedule rule (no pattern) and for a pattern that is not JSON. */
    static boolean catchesGuardDutyFindings(String eventPattern) {
        if (eventPattern == null || eventPattern.isBlank()) {
            return false;
        }
        JsonNode pattern;
        try {
            pattern = EventCodec.mapper().readTree(eventPattern);
        } catch (JsonProcessingException e) {
            return false;
        }
        return names(pattern.path("source"), SOURCE)
                && (pattern.path("detail-type").isMissingNode() || names(pattern.path("detail-type"), DETAIL_TYPE));
    }

    /** A pattern field is an array of values (or, in prefix and other matchers, objects: those are not exact names). */
    private static boolean names(JsonNode field, String value) {
        if (field.isTextual()) {
            return field.asText().equals(value);
        }
        for (JsonNode v : field) {
            if (v.isTextual() && v.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }
}
