package dev.vigil.report.web;

import dev.vigil.access.Roles;
import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.report.alerts.AlertStore;
import dev.vigil.report.alerts.DeliveryBacklog;
import dev.vigil.report.approval.ApprovalService;
import dev.vigil.report.board.ControlDetail;
import dev.vigil.report.board.ControlFilter;
import dev.vigil.report.queries.BoardQueries;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;

/** The server-rendered dashboard; it reads exactly what the JSON API serves. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.ADMIN, Roles.ENGINEER})
public class DashboardResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(String catalogueVersion, DashboardQueries.Overview overview,
                                             DeliveryBacklog slack, Instant renderedAt);

        static native TemplateInstance control(String catalogueVersion, ControlDetail control,
                                               DashboardQueries.ControlExtras extras, ApprovalsPanel approvals,
                                               Instant renderedAt);

        static native TemplateInstance notFound(String catalogueVersion, String id, Instant renderedAt);
    }

    private final BoardQueries queries;
    private final DashboardQueries dashboard;
    private final Catalogue catalogue;
    private final Clock clock;
    private final SecurityIdentity identity;
    private final ApprovalService approvals;
    private final AlertStore alerts;

    public DashboardResource(BoardQueries queries, DashboardQueries dashboard, Catalogue catalogue, Clock clock,
                             SecurityIdentity identity, ApprovalService approvals, AlertStore alerts) {
        this.identity = identity;
        this.approvals = approvals;
        this.alerts = alerts;
        this.queries = queries;
        this.dashboard = dashboard;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    /** The overview; an auditor, who may not see the live state, lands on their periods instead. */
    @GET
    @Operation(hidden = true)
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.AUDITOR})
    public Response index(@QueryParam("status") String status, @QueryParam("category") String category,
                          @QueryParam("source") String source) {
        if (!identity.hasRole(Roles.ADMIN) && !identity.hasRole(Roles.ENGINEER)) {
            return Response.seeOther(URI.create("/periods")).build();
        }
        ControlFilter filter = ControlFilter.parse(status, category);
        Instant now = clock.instant();
        return Response.ok(Templates.index(catalogue.version(), dashboard.overview(filter, source),
                alerts.backlog(now), now).render(), MediaType.TEXT_HTML).build();
    }

    @GET
    @Path("/controls/{id}")
    @Operation(hidden = true)
    public Response control(@PathParam("id") String id) {
        return queries.control(id)
                .map(c -> Response.ok(Templates.control(catalogue.version(), c, dashboard.controlExtras(id),
                        ApprovalForms.panel(approvals, identity, clock, id, null), clock.instant()).render()))
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND)
                        .entity(Templates.notFound(catalogue.version(), id, clock.instant()).render()))
                .type(MediaType.TEXT_HTML)
                .build();
    }
}
