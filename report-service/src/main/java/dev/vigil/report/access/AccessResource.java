package dev.vigil.report.access;

import dev.vigil.access.Roles;
import dev.vigil.report.period.BundlePeriods;
import dev.vigil.report.period.Period;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

/** Who you are, auditors' period grants, and the audit log (docs/access.md). */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "access", description = "Roles, auditors' observation periods and the audit log")
public class AccessResource {
    private final SecurityIdentity identity;
    private final GrantStore grants;
    private final AuditLog audit;
    private final Clock clock;

    public AccessResource(SecurityIdentity identity, GrantStore grants, AuditLog audit, Clock clock) {
        this.identity = identity;
        this.grants = grants;
        this.audit = audit;
        this.clock = clock;
    }

    public record Me(String user, List<String> roles, List<PeriodGrant> grants) {
    }

    public record NewGrant(String principal, String from, String to) {
    }

    @GET
    @Path("/access/me")
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.AUDITOR})
    @Operation(summary = "The signed-in user, their roles and (for an auditor) the periods granted to them")
    public Me me() {
        String user = identity.getPrincipal().getName();
        return new Me(user, List.copyOf(new TreeSet<>(identity.getRoles())),
                grants.grants(user).stream().filter(PeriodGrant::active).toList());
    }

    @GET
    @Path("/access/grants")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Every period grant, active and revoked")
    public List<PeriodGrant> list() {
        return grants.grants(null);
    }

    @POST
    @Path("/access/grants")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Grant an auditor an observation period (dates: both days included)")
    public Response grant(NewGrant request) {
        if (request == null || request.principal() == null || request.principal().isBlank()) {
            throw new Period.InvalidPeriodException("a grant needs 'principal' (the auditor's user name), 'from' and "
                    + "'to'");
        }
        if (request.from() == null || request.to() == null) {
            throw new Period.InvalidPeriodException("a grant needs 'from' and 'to', as dates or ISO-8601 instants");
        }
        Instant from = BundlePeriods.time("from", request.from().strip(), false);
        Instant to = BundlePeriods.time("to", request.to().strip(), true);
        if (!from.isBefore(to)) {
            throw new Period.InvalidPeriodException("the period must start before it ends: from " + from + ", to " + to);
        }
        PeriodGrant g = grants.grant(request.principal().strip(), from, to, identity.getPrincipal().getName(),
                clock.instant());
        audit.record(identity, AuditLog.Action.PERIOD_GRANTED, "grant " + g.grantId(), null,
                g.principal() + " may see " + from + " to " + to);
        return Response.status(Response.Status.CREATED).entity(g).build();
    }

    @DELETE
    @Path("/access/grants/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Revoke a period grant")
    public PeriodGrant revoke(@PathParam("id") String id) {
        PeriodGrant g = grants.revoke(id, identity.getPrincipal().getName(), clock.instant())
                .orElseThrow(() -> new NotFoundException("no grant " + id));
        audit.record(identity, AuditLog.Action.GRANT_REVOKED, "grant " + id, null, g.principal());
        return g;
    }

    @GET
    @Path("/audit-log")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Uploads, downloads and grants: who, what, when, sha256 (newest first)")
    public List<AuditLog.Entry> auditLog(@QueryParam("limit") @DefaultValue("100") int limit,
                                         @QueryParam("offset") @DefaultValue("0") int offset) {
        if (limit < 1 || limit > 1000 || offset < 0) {
            throw new Period.InvalidPeriodException("'limit' must be 1 to 1000 and 'offset' at least 0");
        }
        return audit.entries(limit, offset);
    }
}
