package dev.vigil.common.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vigil.common.evidence.Hashing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A governance decision in the ledger: a risk acceptance (exception) or a scoping decision, created or revoked, with
 * who requested and who approved it. The decision's document (one line of JSON, keys sorted, text values only) is
 * hashed like evidence: the ledger record's {@code evidenceId} is {@code sha256:} + the sha256 of the document's
 * UTF-8 bytes, so whoever holds the document (a bundle carries it) can tie it to its place in the chain.
 *
 * @param resourceType {@link #EXCEPTION} or {@link #SCOPING_DECISION}
 * @param resourceKey  the exception's or scoping decision's id ({@code EX-…}, {@code SD-…})
 * @param at           when it took effect (created or revoked): the record's observedAt
 * @param fields       the content: {@code event} (ACCEPTED, SCOPED_OUT, REVOKED), {@code controlId},
 *                     {@code requestedBy}, {@code approvedBy}, times, …; null values are left out
 */
public record LedgerDecision(String resourceType, String resourceKey, Instant at, Map<String, String> fields) {
    /** The source every decision record carries: decided through report-service's approval workflow. */
    public static final String SOURCE = "vigil://approvals";
    public static final String EXCEPTION = "vigil.exception";
    public static final String SCOPING_DECISION = "vigil.scoping-decision";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    public LedgerDecision {
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(resourceKey, "resourceKey");
        Objects.requireNonNull(at, "at");
        TreeMap<String, String> sorted = new TreeMap<>();
        fields.forEach((k, v) -> {
            if (v != null) {
                sorted.put(k, v);
            }
        });
        fields = java.util.Collections.unmodifiableMap(sorted);
    }

    /** True for the resource types decisions are recorded under. */
    public static boolean isDecision(String resourceType) {
        return EXCEPTION.equals(resourceType) || SCOPING_DECISION.equals(resourceType);
    }

    /** The exact text hashed: one line of JSON with sorted keys, {@code decisionType} and {@code decisionId} added. */
    public String document() {
        TreeMap<String, String> all = new TreeMap<>(fields);
        // The record's type and key, under names of their own: an exception's "resourceKey" is the resource it accepts.
        all.put("decisionType", resourceType);
        all.put("decisionId", resourceKey);
        try {
            return JSON.writeValueAsString(all);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code sha256:<hex>} of {@link #document()}. */
    public String evidenceId() {
        return evidenceId(document().getBytes(StandardCharsets.UTF_8));
    }

    public static String evidenceId(byte[] document) {
        return "sha256:" + Hashing.sha256Hex(document);
    }

    /** A time as decision documents write it: the ledger's format (microseconds, UTC); null stays null. */
    public static String time(Instant t) {
        return t == null ? null : LedgerRecord.formatTime(dev.vigil.common.evidence.Times.micros(t));
    }

    /** What is appended to the chain for this decision. */
    public LedgerEntry entry() {
        return new LedgerEntry(evidenceId(), SOURCE, resourceType, resourceKey, at);
    }

    /** Reads a document back (a bundle's {@code decisions/…json}): its fields, all text. */
    public static Map<String, String> read(byte[] document) {
        try {
            Map<String, Object> raw = JSON.readValue(document,
                    JSON.getTypeFactory().constructMapType(TreeMap.class, String.class, Object.class));
            TreeMap<String, String> out = new TreeMap<>();
            raw.forEach((k, v) -> out.put(k, v == null ? null : v.toString()));
            return out;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a decision document: " + e.getMessage(), e);
        }
    }
}
