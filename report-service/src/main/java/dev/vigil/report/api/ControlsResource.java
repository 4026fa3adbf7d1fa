package dev.vigil.report.api;

import dev.vigil.access.Roles;
import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.report.BoardQueries;
import dev.vigil.report.HistoryQueries;
import dev.vigil.report.access.PeriodGuard;
import dev.vigil.report.board.ControlDetail;
import dev.vigil.report.board.ControlFilter;
import dev.vigil.report.board.ControlView;
import dev.vigil.report.period.ControlHistory;
import dev.vigil.report.period.Period;
import dev.vigil.report.period.PeriodSummary;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.util.List;

@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "controls", description = "SOC 2 controls and their current status")
@RolesAllowed({Roles.ADMIN, Roles.ENGINEER})
public class ControlsResource {
    private final BoardQueries queries;
    private final HistoryQueries history;
    private final Catalogue catalogue;
    private final Clock clock;
    private final PeriodGuard guard;

    public ControlsResource(BoardQueries queries, HistoryQueries history, Catalogue catalogue, Clock clock,
                            PeriodGuard guard) {
        this.guard = guard;
        this.queries = queries;
        this.history = history;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    @GET
    @Path("/controls")
    @Operation(summary = "Every catalogue control, in catalogue order, with its latest status")
    public List<ControlView> controls(
            @Parameter(description = "PASS, FAIL, NOT_EVALUATED, STALE, NO_EVIDENCE, EXCEPTED or NOT_APPLICABLE") @QueryParam("status") String status,
            @Parameter(description = "category code, e.g. LS") @QueryParam("category") String category) {
        return queries.controls(ControlFilter.parse(status, category));
    }

    @GET
    @Path("/controls/{id}")
    @Operation(summary = "One control with its rules, failing resources and the reason for its status")
    public ControlDetail control(@PathParam("id") String id) {
        return queries.control(id).orElseThrow(() -> new UnknownControlException(id));
    }

    @GET
    @Path("/controls/{id}/history")
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.AUDITOR})
    @Operation(summary = "The control's statuses as intervals overlapping [from, to), cut to it, oldest first")
    public ControlHistory history(
            @PathParam("id") String id,
            @Parameter(description = "ISO-8601 instant; default: 30 days before 'to'") @QueryParam("from") String from,
            @Parameter(description = "ISO-8601 instant, exclusive; default and latest: now") @QueryParam("to") String to) {
        Period window = Period.parse(from, to, clock.instant());
        guard.require(window);
        return history.history(id, window);
    }

    @GET
    @Path("/controls/{id}/period")
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.AUDITOR})
    @Operation(summary = "How the control operated over [from, to): share in PASS, time per status, exceptions, gaps")
    public PeriodSummary period(
            @PathParam("id") String id,
            @Parameter(description = "ISO-8601 instant; default: 30 days before 'to'") @QueryParam("from") String from,
            @Parameter(description = "ISO-8601 instant, exclusive; default and latest: now") @QueryParam("to") String to) {
        Period period = Period.parse(from, to, clock.instant());
        guard.require(period);
        return history.period(id, period);
    }

    @GET
    @Path("/catalogue")
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.AUDITOR})
    @Operation(summary = "Which catalogue version this service serves")
    public CatalogueInfo catalogue() {
        return new CatalogueInfo(catalogue.version(), catalogue.controls().size());
    }

    public record CatalogueInfo(String version, int count) {
    }
}
