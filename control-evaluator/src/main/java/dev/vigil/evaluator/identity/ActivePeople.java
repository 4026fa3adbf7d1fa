package dev.vigil.evaluator.identity;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.vigil.common.store.JsonColumns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The people the identity providers list as active now ({@code identity.person} in scope and not left), each with
 * the first time Vigil saw them: what report-service asks everyone to acknowledge its policies against
 * (docs/policies.md). "First seen" stands in for a start date, which the providers' user lists do not all give.
 */
@ApplicationScoped
public class ActivePeople {
    private static final TypeReference<Map<String, Object>> FACTS = new TypeReference<>() {
    };

    private final EntityManager em;

    public ActivePeople(EntityManager em) {
        this.em = em;
    }

    public record Person(String email, Instant firstSeenAt) {
    }

    @SuppressWarnings("unchecked")
    public List<Person> list() {
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT e.facts::text,
                               (SELECT MIN(h.first_observed_at) FROM evidence_item h WHERE h.resource_key = r.resource_key)
                          FROM resource_state r JOIN evidence_item e ON e.evidence_id = r.evidence_id
                         WHERE r.in_scope AND r.resource_type = ?1
                         ORDER BY r.resource_key
                        """)
                .setParameter(1, IdentityDerivation.TYPE).getResultList();
        return rows.stream()
                .map(r -> Map.entry(JsonColumns.read((String) r[0], FACTS), instant(r[1])))
                .filter(e -> !Boolean.TRUE.equals(e.getKey().get("left")))
                .map(e -> new Person((String) e.getKey().get("email"), e.getValue()))
                .toList();
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
