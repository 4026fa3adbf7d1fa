package dev.vigil.evaluator.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.common.store.JsonColumns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Evidence versions observed during a period, for period evidence bundles. A version is stored once with its first
 * and last observation (re-collecting unchanged facts moves the last one), so a version was observed during
 * [from, to) when its first observation is before {@code to} and its last at or after {@code from}. Paged by ledger
 * position (the order of the whole ledger across its chains); each item names its chain, seq and hash.
 */
@ApplicationScoped
public class ObservedEvidence {

    /** One evidence version with what an auditor needs to trace it: ledger position, provenance, observation window. */
    public record Item(long position, String chain, long seq, String ledgerHash, String evidenceId, String source, String resourceType,
                       String resourceKey, JsonNode facts, JsonNode provenance, Instant firstObservedAt,
                       Instant lastObservedAt, String firstRunId) {
    }

    @Inject
    EntityManager em;

    /**
     * At most {@code limit} versions observed in [from, to) after ledger position {@code afterPosition}: those of these
     * resource types, and the manual documents whose key starts with {@code documentKeyPrefix}.
     */
    public List<Item> observedBetween(Collection<String> resourceTypes, String documentType, String documentKeyPrefix,
                                      Instant from, Instant to, long afterPosition, int limit) {
        return em.unwrap(Session.class).doReturningWork(db -> {
            List<Item> out = new ArrayList<>();
            try (PreparedStatement q = db.prepareStatement("SELECT l.position, l.chain, l.seq, l.hash, e.evidence_id, e.source, "
                    + "e.resource_type, e.resource_key, e.facts::text, e.provenance::text, e.first_observed_at, "
                    + "e.last_observed_at, e.first_run_id FROM evidence_item e "
                    + "JOIN evidence_ledger l ON l.evidence_id = e.evidence_id "
                    + "WHERE (e.resource_type = ANY (?) OR (e.resource_type = ? AND starts_with(e.resource_key, ?))) "
                    + "AND e.first_observed_at < ? AND e.last_observed_at >= ? AND l.position > ? ORDER BY l.position LIMIT ?")) {
                q.setArray(1, db.createArrayOf("text", resourceTypes.toArray()));
                q.setString(2, documentType);
                q.setString(3, documentKeyPrefix);
                q.setTimestamp(4, Timestamp.from(to));
                q.setTimestamp(5, Timestamp.from(from));
                q.setLong(6, afterPosition);
                q.setInt(7, limit);
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        out.add(new Item(r.getLong(1), r.getString(2), r.getLong(3), r.getString(4), r.getString(5),
                                r.getString(6), r.getString(7), r.getString(8),
                                JsonColumns.read(r.getString(9), JsonNode.class),
                                JsonColumns.read(r.getString(10), JsonNode.class), r.getTimestamp(11).toInstant(),
                                r.getTimestamp(12).toInstant(), r.getString(13)));
                    }
                }
            }
            return out;
        });
    }
}
