package dev.vigil.evaluator.api;

import dev.vigil.access.Roles;
import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.common.catalogue.ControlDefinition;
import dev.vigil.evaluator.evaluation.ControlEvaluationService;
import dev.vigil.evaluator.evaluation.RuleRegistry;
import dev.vigil.evaluator.store.ObservedEvidence;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The evidence a control was judged on during a period: every version of the resource types its rules judge, and
 * every document uploaded for it, that was observed in [from, to). Period evidence bundles page through it control by control.
 */
@Path("/api/evidence")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "evidence", description = "The evidence a control was judged on during a period")
public class EvidenceResource {
    static final int MAX_LIMIT = 2000;

    @Inject
    Catalogue catalogue;
    @Inject
    RuleRegistry rules;
    @Inject
    ObservedEvidence evidence;

    /**
     * @param resourceTypes what the control's rules judge (empty for a control proven by documents only)
     * @param nextAfter     pass as {@code after} for the next page; null on the last page
     */
    public record Page(String controlId, Set<String> resourceTypes, Instant from, Instant to,
                       List<ObservedEvidence.Item> items, Long nextAfter) {
    }

    @Operation(summary = "Every evidence version and document a control was judged on that was observed in [from, "
            + "to), paged")
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.SERVICE})
    @GET
    @Transactional
    public Page observed(@QueryParam("control") String controlId, @QueryParam("from") String from,
                         @QueryParam("to") String to, @QueryParam("after") @DefaultValue("0") long after,
                         @QueryParam("limit") @DefaultValue("500") int limit) {
        String id = ApiErrors.required(controlId, "control");
        ControlDefinition control = catalogue.control(id).orElseThrow(() ->
                ApiErrors.of(Response.Status.NOT_FOUND, "unknown control '" + id + "'"));
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiErrors.of(Response.Status.BAD_REQUEST, "'limit' must be between 1 and " + MAX_LIMIT);
        }
        Instant start = ApiErrors.instant(ApiErrors.required(from, "from"), "from", null);
        Instant end = ApiErrors.instant(ApiErrors.required(to, "to"), "to", null);
        if (!start.isBefore(end)) {
            throw ApiErrors.of(Response.Status.BAD_REQUEST, "'from' must be before 'to'");
        }
        Set<String> types = rules.resourceTypesOf(control);
        // Uploaded documents are keyed manual:<control>:<type>:<sha256> (report-service's ManualDocumentEvidence).
        List<ObservedEvidence.Item> items = evidence.observedBetween(types, ControlEvaluationService.DOCUMENT_TYPE,
                "manual:" + id + ":", start, end, after, limit);
        return new Page(id, types, start, end, items,
                items.size() == limit ? items.get(items.size() - 1).position() : null);
    }
}
