package dev.vigil.report.web;

import dev.vigil.access.Roles;
import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.report.approval.ApprovalRefused;
import dev.vigil.report.approval.ApprovalRequest;
import dev.vigil.report.approval.ApprovalRules;
import dev.vigil.report.approval.ApprovalService;
import dev.vigil.report.approval.ApprovalsResource;
import dev.vigil.report.linked.ScopingDecisionView;
import dev.vigil.report.queries.BoardQueries;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;

/**
 * The dashboard's approval forms on a control's page (admins only): request a risk acceptance or scoping decision,
 * approve or reject a request, request a revocation. Done, the browser goes back to the control's page; refused,
 * the page is shown again with the reason (no message travels in a URL). The session cookie is SameSite=Strict, so
 * a form posted from another site arrives without it and is refused.
 */
@Path("/approvals")
@Produces(MediaType.TEXT_HTML)
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
@RolesAllowed(Roles.ADMIN)
public class ApprovalForms {
    private final ApprovalService approvals;
    private final BoardQueries queries;
    private final DashboardQueries dashboard;
    private final Catalogue catalogue;
    private final Clock clock;
    private final SecurityIdentity identity;

    public ApprovalForms(ApprovalService approvals, BoardQueries queries, DashboardQueries dashboard,
                         Catalogue catalogue, Clock clock, SecurityIdentity identity) {
        this.approvals = approvals;
        this.queries = queries;
        this.dashboard = dashboard;
        this.catalogue = catalogue;
        this.clock = clock;
        this.identity = identity;
    }

    @POST
    @Path("/risk-acceptance-requests")
    @Operation(hidden = true)
    public Response requestRiskAcceptance(@FormParam("controlId") String controlId,
                                          @FormParam("resourceKey") String resourceKey,
                                          @FormParam("justification") String justification,
                                          @FormParam("expiresAt") String expiresAt) {
        return act(controlId, () -> approvals.requestRiskAcceptance(identity, controlId, resourceKey, justification,
                ApprovalsResource.expiry(expiresAt)));
    }

    @POST
    @Path("/scoping-decision-requests")
    @Operation(hidden = true)
    public Response requestScopingDecision(@FormParam("controlId") String controlId,
                                           @FormParam("justification") String justification) {
        return act(controlId, () -> approvals.requestScopingDecision(identity, controlId, justification));
    }

    @POST
    @Path("/risk-acceptances/{exceptionId}/revocation-requests")
    @Operation(hidden = true)
    public Response requestRiskAcceptanceRevocation(@PathParam("exceptionId") String exceptionId,
                                                    @FormParam("controlId") String controlId,
                                                    @FormParam("justification") String justification) {
        return act(controlId, () -> approvals.requestRiskAcceptanceRevocation(identity, exceptionId, justification));
    }

    @POST
    @Path("/scoping-decisions/{decisionId}/revocation-requests")
    @Operation(hidden = true)
    public Response requestScopingRevocation(@PathParam("decisionId") String decisionId,
                                             @FormParam("controlId") String controlId,
                                             @FormParam("justification") String justification) {
        return act(controlId, () -> approvals.requestScopingRevocation(identity, decisionId, justification));
    }

    @POST
    @Path("/{requestId}/approve")
    @Operation(hidden = true)
    public Response approve(@PathParam("requestId") String requestId, @FormParam("controlId") String controlId) {
        return act(controlId, () -> approvals.approve(identity, requestId));
    }

    @POST
    @Path("/{requestId}/reject")
    @Operation(hidden = true)
    public Response reject(@PathParam("requestId") String requestId, @FormParam("controlId") String controlId,
                           @FormParam("reason") String reason) {
        return act(controlId, () -> approvals.reject(identity, requestId, reason));
    }

    private Response act(String controlId, Supplier<ApprovalRequest> action) {
        String page = controlId == null || controlId.isBlank() ? null : controlId.strip();
        try {
            ApprovalRequest done = action.get();
            return Response.seeOther(URI.create("/controls/" + URLEncoder.encode(done.controlId(),
                    StandardCharsets.UTF_8) + "#approvals")).build();
        } catch (ApprovalRefused refused) {
            Response.Status status = switch (refused.why()) {
                case INVALID -> Response.Status.BAD_REQUEST;
                case NOT_FOUND -> Response.Status.NOT_FOUND;
                case CONFLICT -> Response.Status.CONFLICT;
                case EVALUATOR_FAILED -> Response.Status.BAD_GATEWAY;
            };
            if (page == null || queries.control(page).isEmpty()) {
                return Response.status(status).type(MediaType.TEXT_PLAIN).entity(refused.getMessage()).build();
            }
            return Response.status(status).type(MediaType.TEXT_HTML).entity(DashboardResource.Templates.control(
                    catalogue.version(), queries.control(page).orElseThrow(), dashboard.controlExtras(page),
                    panel(page, refused.getMessage()), clock.instant()).render()).build();
        }
    }

    /** The approvals panel of a control's page for the signed-in user. */
    ApprovalsPanel panel(String controlId, String refused) {
        return panel(approvals, identity, clock, controlId, refused);
    }

    static ApprovalsPanel panel(ApprovalService approvals, SecurityIdentity identity, Clock clock, String controlId,
                                String refused) {
        List<ApprovalRequest> all = approvals.list(controlId, null);
        List<ScopingDecisionView> scoping = null;
        String scopingUnavailable = null;
        try {
            scoping = approvals.scopingDecisions(controlId);
        } catch (ApprovalRefused e) {
            scopingUnavailable = e.getMessage();
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Instant latest = clock.instant().plus(Duration.ofDays(ApprovalRules.MAX_ACCEPTANCE_DAYS));
        return new ApprovalsPanel(identity.hasRole(Roles.ADMIN), identity.getPrincipal().getName(),
                approvals.fourEyes(), all.stream().filter(ApprovalRequest::pending).toList(),
                all.stream().filter(r -> !r.pending()).limit(10).toList(), scoping, scopingUnavailable, refused,
                today.plusDays(1).toString(), LocalDate.ofInstant(latest, ZoneOffset.UTC).toString());
    }
}
