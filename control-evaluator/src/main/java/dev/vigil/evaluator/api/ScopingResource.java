package dev.vigil.evaluator.api;

import dev.vigil.access.Roles;
import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.evaluator.evaluation.ControlEvaluationService;
import dev.vigil.evaluator.evaluation.EvaluatorClock;
import dev.vigil.evaluator.store.ScopingRecord;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Scoping decisions: the only way a control becomes NOT_APPLICABLE, each with who decided and why. */
@Path("/api/scoping")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ScopingResource {
    @Inject
    Catalogue catalogue;
    @Inject
    EvaluatorClock clock;
    @Inject
    ControlEvaluationService evaluation;

    public record NewDecision(String controlId, String justification, String decidedBy) {
    }

    public record DecisionDto(String id, String controlId, String justification, String decidedBy, Instant decidedAt,
                              Instant revokedAt, String revokedBy) {
    }

    @RolesAllowed(Roles.SERVICE)
    @POST
    @Transactional
    public Response decide(NewDecision req) {
        if (req == null) {
            throw ApiErrors.of(Response.Status.BAD_REQUEST, "a JSON body is required");
        }
        String controlId = ApiErrors.required(req.controlId(), "controlId");
        if (catalogue.control(controlId).isEmpty()) {
            throw ApiErrors.of(Response.Status.BAD_REQUEST, "unknown control '" + controlId + "'");
        }
        if (ScopingRecord.activeFor(controlId).isPresent()) {
            throw ApiErrors.of(Response.Status.CONFLICT, controlId + " is already out of scope; revoke that decision first");
        }
        ScopingRecord r = new ScopingRecord();
        r.decisionId = "SD-" + UUID.randomUUID();
        r.controlId = controlId;
        r.justification = ApiErrors.required(req.justification(), "justification");
        r.decidedBy = ApiErrors.required(req.decidedBy(), "decidedBy");
        r.decidedAt = clock.now();
        r.persist();
        evaluation.controlChanged(controlId);
        return Response.status(Response.Status.CREATED).entity(dto(r)).build();
    }

    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.SERVICE})
    @GET
    public List<DecisionDto> list() {
        return ScopingRecord.<ScopingRecord>listAll(io.quarkus.panache.common.Sort.by("decidedAt")).stream()
                .map(ScopingResource::dto).toList();
    }

    @RolesAllowed(Roles.SERVICE)
    @DELETE
    @Path("/{controlId}")
    @Transactional
    public DecisionDto revoke(@PathParam("controlId") String controlId, @QueryParam("revokedBy") String revokedBy) {
        ScopingRecord r = ScopingRecord.activeFor(controlId).orElseThrow(() ->
                ApiErrors.of(Response.Status.NOT_FOUND, controlId + " has no active scoping decision"));
        r.revokedAt = clock.now();
        r.revokedBy = ApiErrors.required(revokedBy, "revokedBy");
        evaluation.controlChanged(controlId);
        return dto(r);
    }

    static DecisionDto dto(ScopingRecord r) {
        return new DecisionDto(r.decisionId, r.controlId, r.justification, r.decidedBy, r.decidedAt, r.revokedAt,
                r.revokedBy);
    }
}
