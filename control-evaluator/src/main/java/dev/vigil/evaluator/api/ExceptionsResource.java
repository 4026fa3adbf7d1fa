package dev.vigil.evaluator.api;

import dev.vigil.access.Roles;
import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.evaluator.evaluation.ControlEvaluationService;
import dev.vigil.evaluator.evaluation.EvaluatorClock;
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

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Exceptions (risk acceptance): a failing control, or one failing resource of it, accepted by an owner with a
 * justification until an expiry. While active the control is EXCEPTED instead of FAIL; at expiry the failure
 * returns by itself.
 */
@Path("/api/exceptions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ExceptionsResource {
    @Inject
    Catalogue catalogue;
    @Inject
    EvaluatorClock clock;
    @Inject
    ControlEvaluationService evaluation;
    @ConfigProperty(name = "vigil.evaluator.max-exception-days", defaultValue = "365")
    int maxExceptionDays;

    public record NewException(String controlId, String resourceKey, String owner, String justification,
                               Instant expiresAt) {
    }

    public record ExceptionDto(String id, String controlId, String resourceKey, String owner, String justification,
                               Instant createdAt, Instant expiresAt, boolean active, Instant revokedAt,
                               String revokedBy) {
    }

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
        r.owner = ApiErrors.required(req.owner(), "owner");
        r.justification = ApiErrors.required(req.justification(), "justification");
        r.createdAt = now;
        r.expiresAt = req.expiresAt();
        r.persist();
        evaluation.controlChanged(controlId);
        return Response.status(Response.Status.CREATED).entity(dto(r, now)).build();
    }

    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.SERVICE})
    @GET
    public List<ExceptionDto> list(@QueryParam("controlId") String controlId, @QueryParam("active") Boolean active) {
        Instant now = clock.now();
        List<ExceptionRecord> records = controlId == null
                ? ExceptionRecord.listAll(io.quarkus.panache.common.Sort.by("createdAt"))
                : ExceptionRecord.list("controlId = ?1 order by createdAt", controlId);
        return records.stream().map(r -> dto(r, now)).filter(d -> active == null || d.active() == active).toList();
    }

    @RolesAllowed(Roles.SERVICE)
    @DELETE
    @Path("/{id}")
    @Transactional
    public ExceptionDto revoke(@PathParam("id") String id, @QueryParam("revokedBy") String revokedBy) {
        ExceptionRecord r = ExceptionRecord.findById(id);
        if (r == null) {
            throw ApiErrors.of(Response.Status.NOT_FOUND, "no exception '" + id + "'");
        }
        if (r.revokedAt == null) {
            r.revokedAt = clock.now();
            r.revokedBy = ApiErrors.required(revokedBy, "revokedBy");
            evaluation.controlChanged(r.controlId);
        }
        return dto(r, clock.now());
    }

    static ExceptionDto dto(ExceptionRecord r, Instant now) {
        return new ExceptionDto(r.exceptionId, r.controlId, r.resourceKey, r.owner, r.justification, r.createdAt,
                r.expiresAt, r.revokedAt == null && now.isBefore(r.expiresAt), r.revokedAt, r.revokedBy);
    }
}
