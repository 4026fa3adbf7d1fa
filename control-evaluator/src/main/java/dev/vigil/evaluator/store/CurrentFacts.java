package dev.vigil.evaluator.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.common.store.JsonColumns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** The facts of evidence versions by their ids, in one query (a resource's state names its current version). */
@ApplicationScoped
public class CurrentFacts {
    @Inject
    EntityManager em;

    public Map<String, JsonNode> of(Collection<String> evidenceIds) {
        if (evidenceIds.isEmpty()) {
            return Map.of();
        }
        return em.unwrap(Session.class).doReturningWork(db -> {
            Map<String, JsonNode> out = new HashMap<>();
            try (PreparedStatement q = db.prepareStatement(
                    "SELECT evidence_id, facts::text FROM evidence_item WHERE evidence_id = ANY (?)")) {
                q.setArray(1, db.createArrayOf("text", evidenceIds.toArray()));
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        out.put(r.getString(1), JsonColumns.read(r.getString(2), JsonNode.class));
                    }
                }
            }
            return out;
        });
    }
}
