package dev.vigil.evaluator.api;

import dev.vigil.access.Roles;
import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.common.ledger.LedgerDecision;
import dev.vigil.evaluator.evaluation.ControlEvaluationService;
import dev.vigil.evaluator.evaluation.EvaluatorClock;
import dev.vigil.evaluator.ingest.DecisionLedger;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Scoping decisions: the only way a control becomes NOT_APPLICABLE, each with who requested it, who approved it
 * and why. report-service calls this once a second admin approved (docs/access.md); deciding and revoking append a
 * {@code vigil.scoping-decision} record to the evidence ledger in the same transaction.
 */
@Path("/api/scoping")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "scoping", description = "Scoping decisions: the only way a control becomes NOT_APPLICABLE")
public class ScopingResource {
    @Inject
    Catalogue catalogue;
    @Inject
    EvaluatorClock clock;
    @Inject
    ControlEvaluationService evaluation;

    @Inject
    DecisionLedger decisions;

    /** @param decidedBy the former name of {@code requestedBy}, still read when that is absent */
    public record NewDecision(String controlId, String justification, String requestedBy, String approvedBy,
                              String decidedBy) {
    }

    /**
     * @param decidedBy            the requester, under its former name
     * @param revokedBy            who requested the revocation
     * @param revocationApprovedBy who approved it
     */
    public record DecisionDto(String id, String controlId, String justification, String decidedBy,
                              String requestedBy, String approvedBy, Instant decidedAt, Instant revokedAt,
                              String revokedBy, String revocationApprovedBy) {
    }

    @Operation(summary = "Record a scoping decision approved in report-service (service credential only); the control "
            + "becomes NOT_APPLICABLE")
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
        r.decidedBy = ApiErrors.required(req.requestedBy() != null ? req.requestedBy() : req.decidedBy(),
                "requestedBy");
        r.approvedBy = ApiErrors.required(req.approvedBy(), "approvedBy");
        r.decidedAt = clock.now();
        r.persist();
        decisions.append(ledgerDecision(r, "SCOPED_OUT", r.decidedAt), controlId);
        evaluation.controlChanged(controlId);
        return Response.status(Response.Status.CREATED).entity(dto(r)).build();
    }

    @Operation(summary = "Scoping decisions, active and revoked")
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.SERVICE})
    @GET
    public List<DecisionDto> list() {
        return ScopingRecord.<ScopingRecord>listAll(io.quarkus.panache.common.Sort.by("decidedAt")).stream()
                .map(ScopingResource::dto).toList();
    }

    @Operation(summary = "Revoke the control's scoping decision (service credential only); it is evaluated again")
    @RolesAllowed(Roles.SERVICE)
    @DELETE
    @Path("/{controlId}")
    @Transactional
    public DecisionDto revoke(@PathParam("controlId") String controlId, @QueryParam("revokedBy") String revokedBy,
                              @QueryParam("approvedBy") String approvedBy) {
        ScopingRecord r = ScopingRecord.activeFor(controlId).orElseThrow(() ->
                ApiErrors.of(Response.Status.NOT_FOUND, controlId + " has no active scoping decision"));
        r.revokedBy = ApiErrors.required(revokedBy, "revokedBy");
        r.revocationApprovedBy = ApiErrors.required(approvedBy, "approvedBy");
        r.revokedAt = clock.now();
        decisions.append(ledgerDecision(r, "REVOKED", r.revokedAt), controlId);
        evaluation.controlChanged(controlId);
        return dto(r);
    }

    static DecisionDto dto(ScopingRecord r) {
        return new DecisionDto(r.decisionId, r.controlId, r.justification, r.decidedBy, r.decidedBy, r.approvedBy,
                r.decidedAt, r.revokedAt, r.revokedBy, r.revocationApprovedBy);
    }

    /** The ledger's account of the decision as it stands after {@code event} (SCOPED_OUT or REVOKED). */
    static LedgerDecision ledgerDecision(ScopingRecord r, String event, Instant at) {
        Map<String, String> f = new HashMap<>();
        f.put("event", event);
        f.put("controlId", r.controlId);
        f.put("justification", r.justification);
        f.put("requestedBy", r.decidedBy);
        f.put("approvedBy", r.approvedBy);
        f.put("decidedAt", LedgerDecision.time(r.decidedAt));
        f.put("revokedBy", r.revokedBy);
        f.put("revocationApprovedBy", r.revocationApprovedBy);
        f.put("revokedAt", LedgerDecision.time(r.revokedAt));
        return new LedgerDecision(LedgerDecision.SCOPING_DECISION, r.decisionId, at, f);
    }
}
