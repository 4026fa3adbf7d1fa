package dev.vigil.report.approval;

import dev.vigil.access.Roles;
import dev.vigil.report.approval.ApprovalRequest.State;
import dev.vigil.report.linked.ControlException;
import dev.vigil.report.linked.ScopingDecisionView;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
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

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Risk acceptances and scoping decisions, four-eyes (docs/access.md): an admin requests, another admin approves or
 * rejects; revocations the same way. Engineers may read. The actor is always the signed-in user.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "approvals", description = "Risk acceptances and scoping decisions: requested by one admin, approved by another")
public class ApprovalsResource {
    private final ApprovalService approvals;
    private final SecurityIdentity identity;

    public ApprovalsResource(ApprovalService approvals, SecurityIdentity identity) {
        this.approvals = approvals;
        this.identity = identity;
    }

    /** @param expiresAt a date (the acceptance ends at the start of that day, UTC) or an ISO-8601 instant */
    public record RiskAcceptanceRequest(String controlId, String resourceKey, String justification, String expiresAt) {
    }

    public record ScopingDecisionRequest(String controlId, String justification) {
    }

    public record RevocationRequest(String justification) {
    }

    public record Rejection(String reason) {
    }

    @POST
    @Path("/risk-acceptances/requests")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Request a risk acceptance of a failing control (or one resource of it) until an expiry")
    public Response requestRiskAcceptance(RiskAcceptanceRequest body) {
        RiskAcceptanceRequest b = body == null ? new RiskAcceptanceRequest(null, null, null, null) : body;
        return created(approvals.requestRiskAcceptance(identity, b.controlId(), b.resourceKey(), b.justification(),
                expiry(b.expiresAt())));
    }

    @POST
    @Path("/risk-acceptances/{exceptionId}/revocation-requests")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Request the revocation of a risk acceptance in force")
    public Response requestRiskAcceptanceRevocation(@PathParam("exceptionId") String exceptionId,
                                                    RevocationRequest body) {
        return created(approvals.requestRiskAcceptanceRevocation(identity, exceptionId,
                body == null ? null : body.justification()));
    }

    @GET
    @Path("/risk-acceptances")
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER})
    @Operation(summary = "The risk acceptances recorded in the control-evaluator, with requester and approver")
    public List<ControlException> riskAcceptances(@QueryParam("controlId") String controlId) {
        return approvals.riskAcceptances(controlId);
    }

    @POST
    @Path("/scoping-decisions/requests")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Request a scoping decision: the control is not applicable to the system")
    public Response requestScopingDecision(ScopingDecisionRequest body) {
        ScopingDecisionRequest b = body == null ? new ScopingDecisionRequest(null, null) : body;
        return created(approvals.requestScopingDecision(identity, b.controlId(), b.justification()));
    }

    @POST
    @Path("/scoping-decisions/{decisionId}/revocation-requests")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Request the revocation of a scoping decision in force")
    public Response requestScopingRevocation(@PathParam("decisionId") String decisionId, RevocationRequest body) {
        return created(approvals.requestScopingRevocation(identity, decisionId,
                body == null ? null : body.justification()));
    }

    @GET
    @Path("/scoping-decisions")
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER})
    @Operation(summary = "The scoping decisions recorded in the control-evaluator, with requester and approver")
    public List<ScopingDecisionView> scopingDecisions(@QueryParam("controlId") String controlId) {
        return approvals.scopingDecisions(controlId);
    }

    @GET
    @Path("/approval-requests")
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER})
    @Operation(summary = "Approval requests, newest first; state PENDING, APPROVED or REJECTED")
    public List<ApprovalRequest> list(@QueryParam("controlId") String controlId, @QueryParam("state") String state) {
        return approvals.list(controlId, state(state));
    }

    @GET
    @Path("/approval-requests/{requestId}")
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER})
    @Operation(summary = "One approval request")
    public ApprovalRequest get(@PathParam("requestId") String requestId) {
        return approvals.find(requestId);
    }

    @POST
    @Path("/approval-requests/{requestId}/approve")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Approve a pending request (not your own, with four-eyes on); the evaluator records it")
    public ApprovalRequest approve(@PathParam("requestId") String requestId) {
        return approvals.approve(identity, requestId);
    }

    @POST
    @Path("/approval-requests/{requestId}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Reject a pending request, with a reason")
    public ApprovalRequest reject(@PathParam("requestId") String requestId, Rejection body) {
        return approvals.reject(identity, requestId, body == null ? null : body.reason());
    }

    private static Response created(ApprovalRequest r) {
        return Response.created(URI.create("/api/approval-requests/" + r.id())).entity(r).build();
    }

    private static State state(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return State.valueOf(value.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new ApprovalRefused(ApprovalRefused.Why.INVALID, "'state' is PENDING, APPROVED or REJECTED, not '"
                    + value + "'");
        }
    }

    /** A date (ends at the start of that day, UTC) or an ISO-8601 instant; absent stays null for the rules to refuse. */
    public static Instant expiry(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            return v.length() == 10 ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new ApprovalRefused(ApprovalRefused.Why.INVALID, "'expiresAt' must be a date (2027-01-31) or an "
                    + "ISO-8601 instant (2027-01-31T00:00:00Z), not '" + value + "'");
        }
    }
}
