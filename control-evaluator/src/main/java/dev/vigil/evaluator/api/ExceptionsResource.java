package dev.vigil.evaluator.api;

import dev.vigil.access.Roles;
import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.common.ledger.LedgerDecision;
import dev.vigil.evaluator.evaluation.ControlEvaluationService;
import dev.vigil.evaluator.evaluation.EvaluatorClock;
import dev.vigil.evaluator.ingest.DecisionLedger;
import dev.vigil.evaluator.store.ExceptionRecord;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Exceptions (risk acceptance): a failing control, or one failing resource of it, accepted with a justification until
 * an expiry. While active the control is EXCEPTED instead of FAIL; at expiry the failure returns by itself.
 * <p>
 * People request and approve risk acceptances in report-service (four-eyes, docs/access.md); it calls this API
 * once a second admin approved, with both names. The requester is the exception's owner. Creating and revoking one
 * appends a {@code vigil.exception} record to the evidence ledger in the same transaction.
 */
@Path("/api/exceptions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "exceptions", description = "Risk acceptances: a failing control or resource accepted until an expiry")
public class ExceptionsResource {
    @Inject
    Catalogue catalogue;
    @Inject
    EvaluatorClock clock;
    @Inject
    ControlEvaluationService evaluation;
    @ConfigProperty(name = "vigil.evaluator.max-exception-days", defaultValue = "365")
    int maxExceptionDays;

    @Inject
    DecisionLedger decisions;

    /**
     * @param requestedBy who asked for it (becomes the owner); {@code owner} is still read when it is absent
     * @param approvedBy  who approved it
     */
    public record NewException(String controlId, String resourceKey, String justification, Instant expiresAt,
                               String requestedBy, String approvedBy, String owner) {
    }

    /**
     * @param owner                the requester, under its former name
     * @param revokedBy            who requested the revocation
     * @param revocationApprovedBy who approved it
     */
    public record ExceptionDto(String id, String controlId, String resourceKey, String owner, String requestedBy,
                               String approvedBy, String justification, Instant createdAt, Instant expiresAt,
                               boolean active, Instant revokedAt, String revokedBy, String revocationApprovedBy) {
    }

    @Operation(summary = "Record a risk acceptance approved in report-service (service credential only); appends it "
            + "to the ledger")
    @RolesAllowed(Roles.SERVICE)
    @POST
    @Transactional
    public Response create(NewException req) {
        if (req == null) {
            throw ApiErrors.of(Response.Status.BAD_REQUEST, "a JSON body is required");
        }
        String controlId = ApiErrors.required(req.controlId(), "controlId");
        if (catalogue.control(controlId).isEmpty()) {
            throw ApiErrors.of(Response.Status.BAD_REQUEST, "unknown control '" + controlId + "'");
        }
        Instant now = clock.now();
        if (req.expiresAt() == null || !req.expiresAt().isAfter(now)) {
            throw ApiErrors.of(Response.Status.BAD_REQUEST, "'expiresAt' must be a time in the future");
        }
        if (req.expiresAt().isAfter(now.plus(Duration.ofDays(maxExceptionDays)))) {
            throw ApiErrors.of(Response.Status.BAD_REQUEST, "an exception may last at most " + maxExceptionDays
                    + " days; renew it when it expires");
        }
        ExceptionRecord r = new ExceptionRecord();
        r.exceptionId = "EX-" + UUID.randomUUID();
        r.controlId = controlId;
        r.resourceKey = req.resourceKey() == null || req.resourceKey().isBlank() ? null : req.resourceKey().strip();
        r.requestedBy = ApiErrors.required(req.requestedBy() != null ? req.requestedBy() : req.owner(),
                "requestedBy");
        r.owner = r.requestedBy;
        r.approvedBy = ApiErrors.required(req.approvedBy(), "approvedBy");
        r.justification = ApiErrors.required(req.justification(), "justification");
        r.createdAt = now;
        r.expiresAt = req.expiresAt();
        r.persist();
        decisions.append(ledgerDecision(r, "ACCEPTED", now), controlId);
        evaluation.controlChanged(controlId);
        return Response.status(Response.Status.CREATED).entity(dto(r, now)).build();
    }

    @Operation(summary = "Risk acceptances, optionally of one control or only the active ones")
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.SERVICE})
    @GET
    public List<ExceptionDto> list(@QueryParam("controlId") String controlId, @QueryParam("active") Boolean active) {
        Instant now = clock.now();
        List<ExceptionRecord> records = controlId == null
                ? ExceptionRecord.listAll(io.quarkus.panache.common.Sort.by("createdAt"))
                : ExceptionRecord.list("controlId = ?1 order by createdAt", controlId);
        return records.stream().map(r -> dto(r, now)).filter(d -> active == null || d.active() == active).toList();
    }

    @Operation(summary = "Revoke a risk acceptance (service credential only); the failure returns and the ledger "
            + "records it")
    @RolesAllowed(Roles.SERVICE)
    @DELETE
    @Path("/{id}")
    @Transactional
    public ExceptionDto revoke(@PathParam("id") String id, @QueryParam("revokedBy") String revokedBy,
                               @QueryParam("approvedBy") String approvedBy) {
        ExceptionRecord r = ExceptionRecord.findById(id);
        if (r == null) {
            throw ApiErrors.of(Response.Status.NOT_FOUND, "no exception '" + id + "'");
        }
        if (r.revokedAt == null) {
            r.revokedBy = ApiErrors.required(revokedBy, "revokedBy");
            r.revocationApprovedBy = ApiErrors.required(approvedBy, "approvedBy");
            r.revokedAt = clock.now();
            decisions.append(ledgerDecision(r, "REVOKED", r.revokedAt), r.controlId);
            evaluation.controlChanged(r.controlId);
        }
        return dto(r, clock.now());
    }

    static ExceptionDto dto(ExceptionRecord r, Instant now) {
        return new ExceptionDto(r.exceptionId, r.controlId, r.resourceKey, r.owner, r.requestedBy, r.approvedBy,
                r.justification, r.createdAt, r.expiresAt, r.revokedAt == null && now.isBefore(r.expiresAt),
                r.revokedAt, r.revokedBy, r.revocationApprovedBy);
    }

    /** The ledger's account of the exception as it stands after {@code event} (ACCEPTED or REVOKED). */
    static LedgerDecision ledgerDecision(ExceptionRecord r, String event, Instant at) {
        Map<String, String> f = new HashMap<>();
        f.put("event", event);
        f.put("controlId", r.controlId);
        f.put("resourceKey", r.resourceKey);
        f.put("justification", r.justification);
        f.put("requestedBy", r.requestedBy);
        f.put("approvedBy", r.approvedBy);
        f.put("createdAt", LedgerDecision.time(r.createdAt));
        f.put("expiresAt", LedgerDecision.time(r.expiresAt));
        f.put("revokedBy", r.revokedBy);
        f.put("revocationApprovedBy", r.revocationApprovedBy);
        f.put("revokedAt", LedgerDecision.time(r.revokedAt));
        return new LedgerDecision(LedgerDecision.EXCEPTION, r.exceptionId, at, f);
    }
}
