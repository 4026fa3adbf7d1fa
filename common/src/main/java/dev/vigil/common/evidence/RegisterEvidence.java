package dev.vigil.common.evidence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The evidence contract of a register item (report-service's vendor, risk and incident registers, docs/registers.md):
 * one resource per item, of type {@code register.<register>} and key {@code register:<register>:<item id>}, whose facts
 * are the item's fields as of its current version, who changed it last and when, and {@code observedOn}, the day the
 * register was read. The rules judge dates against {@code observedOn}, so that reading the register again on a later
 * day is what turns a review that came due into a failure, with no edit to the item. In common because the publisher
 * (report-service) and the evaluator's tests build the very same event.
 */
public final class RegisterEvidence {
    public static final String PROVIDER = "registers";
    public static final String OPERATION = "register:read";
    public static final String COLLECTOR = "report-service";

    private RegisterEvidence() {
    }

    /** One version of one item, as recorded. */
    public record Item(String register, String itemId, int version, boolean retired, Map<String, Object> fields,
                       String changedBy, Instant changedAt, String documentSha256) {
    }

    public static SourceRef source(String register) {
        return new SourceRef(PROVIDER, register);
    }

    public static String resourceType(String register) {
        return "register." + register;
    }

    public static String resourceKey(String register, String itemId) {
        return "register:" + register + ":" + itemId;
    }

    /**
     * The item as read on {@code observedOn}; its provenance cites the version's document in the evidence store
     * ({@code documentSha256}), the exact record an auditor can fetch from a bundle.
     */
    public static EvidenceEvent event(Item item, LocalDate observedOn, Instant observedAt, String runId,
                                      String collectorVersion) {
        Map<String, Object> facts = new LinkedHashMap<>(item.fields());
        facts.put("register", item.register());
        facts.put("itemId", item.itemId());
        facts.put("version", item.version());
        facts.put("retired", item.retired());
        facts.put("changedBy", item.changedBy());
        facts.put("changedAt", Times.micros(item.changedAt()).toString());
        facts.put("observedOn", observedOn.toString());
        Provenance provenance = new Provenance(OPERATION, Map.of("register", item.register(), "itemId", item.itemId(),
                "version", Integer.toString(item.version())), null, item.documentSha256(), COLLECTOR, collectorVersion);
        return EvidenceEvent.of(source(item.register()), resourceType(item.register()),
                resourceKey(item.register(), item.itemId()), observedAt, runId, Redactor.redactFacts(facts), provenance);
    }
}
