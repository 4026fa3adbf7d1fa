package dev.vigil.evaluator.api;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.vigil.access.Roles;
import dev.vigil.common.store.JsonColumns;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The resources in scope now, with the facts of their current evidence: what report-service's access review
 * campaigns are generated from, and re-checked against to confirm a revoke (docs/access-reviews.md). Facts are as
 * stored: redacted by the collectors.
 */
@Path("/api/resources/facts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "resources", description = "Resources the evaluator judged, with their verdicts, and collection coverage")
public class ResourceFactsResource {
    static final int MAX_TYPES = 20;
    private static final TypeReference<Map<String, Object>> FACTS = new TypeReference<>() {
    };

    @Inject
    EntityManager em;

    public record CurrentResource(String resourceType, String source, String resourceKey, String evidenceId,
                                  Instant observedAt, Map<String, Object> facts) {
    }

    @Operation(summary = "Resources in scope of the given types (repeat 'type'), with their current evidence's facts")
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.SERVICE})
    @GET
    @Transactional
    @SuppressWarnings("unchecked")
    public List<CurrentResource> current(@QueryParam("type") List<String> types) {
        if (types == null || types.isEmpty() || types.size() > MAX_TYPES) {
            throw ApiErrors.of(Response.Status.BAD_REQUEST, "name 1 to " + MAX_TYPES + " resource types, as 'type'");
        }
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT r.resource_type, r.source, r.resource_key, r.evidence_id, r.observed_at, e.facts::text
                          FROM resource_state r JOIN evidence_item e ON e.evidence_id = r.evidence_id
                         WHERE r.in_scope AND r.resource_type IN (:types)
                         ORDER BY r.resource_key
                        """).setParameter("types", types).getResultList();
        return rows.stream().map(r -> new CurrentResource((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                instant(r[4]), JsonColumns.read((String) r[5], FACTS))).toList();
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
