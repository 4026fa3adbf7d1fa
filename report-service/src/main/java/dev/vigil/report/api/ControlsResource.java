package dev.vigil.report.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.access.Roles;
import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.report.access.PeriodGuard;
import dev.vigil.report.board.ControlDetail;
import dev.vigil.report.board.ControlFilter;
import dev.vigil.report.board.ControlView;
import dev.vigil.report.bundle.EvaluatorPeriodEvidence;
import dev.vigil.report.errors.ApiError;
import dev.vigil.report.errors.UnknownControlException;
import dev.vigil.report.period.ControlHistory;
import dev.vigil.report.period.Period;
import dev.vigil.report.period.PeriodSummary;
import dev.vigil.report.queries.BoardQueries;
import dev.vigil.report.queries.HistoryQueries;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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
    static final int MAX_FAILING_RESOURCES_PAGE = 5000;
    private final PeriodGuard guard;
    private final EvaluatorPeriodEvidence evaluator;

    public ControlsResource(BoardQueries queries, HistoryQueries history, Catalogue catalogue, Clock clock,
                            PeriodGuard guard, EvaluatorPeriodEvidence evaluator) {
        this.guard = guard;
        this.evaluator = evaluator;
        this.queries = queries;
        this.history = history;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    @GET
    @Path("/controls")
    @Operation(summary = "Every catalogue control, in catalogue order, with its latest status and its parts (rules,"
            + " documents)")
    public List<ControlView> controls(
            @Parameter(description = "PASS, FAIL, NOT_EVALUATED, STALE, DOCUMENT_MISSING, NO_EVIDENCE, EXCEPTED or NOT_APPLICABLE") @QueryParam("status") String status,
            @Parameter(description = "category code, e.g. LS") @QueryParam("category") String category) {
        return queries.controls(ControlFilter.parse(status, category));
    }

    @GET
    @Path("/controls/{id}")
    @Operation(summary = "One control with its rules, failing resources, the reason for its status, and its"
            + " automated and document parts")
    public ControlDetail control(@PathParam("id") String id) {
        return queries.control(id).orElseThrow(() -> new UnknownControlException(id));
    }

    @GET
    @Path("/controls/{id}/failing-resources")
    @Operation(summary = "Every failing resource of the control's current status (or of the status evaluated at"
            + " 'evaluatedAt', as its history names it), a page at a time, from the control evaluator: a status lists"
            + " only the first of them")
    public JsonNode failingResources(
            @PathParam("id") String id,
            @Parameter(description = "ISO-8601 instant of a status (an interval's 'from'); default: the current status")
            @QueryParam("evaluatedAt") String evaluatedAt,
            @Parameter(description = "position of the first resource; the answer's nextOffset for the next page")
            @QueryParam("offset") @DefaultValue("0") int offset,
            @Parameter(description = "resources per page, 1 to 5000") @QueryParam("limit") @DefaultValue("500") int limit) {
        if (catalogue.control(id).isEmpty()) {
            throw new UnknownControlException(id);
        }
        if (offset < 0 || limit < 1 || limit > MAX_FAILING_RESOURCES_PAGE) {
            throw badRequest("'offset' must not be negative and 'limit' must be between 1 and "
                    + MAX_FAILING_RESOURCES_PAGE);
        }
        Instant at;
        try {
            at = evaluatedAt == null ? null : Instant.parse(evaluatedAt);
        } catch (DateTimeParseException e) {
            throw badRequest("'evaluatedAt' must be an ISO-8601 instant such as 2026-01-01T00:00:00Z, not '"
                    + evaluatedAt + "'");
        }
        JsonNode page = evaluator.failingResourcesPage(id, at, offset, limit);
        if (page == null) {
            String message = "the control evaluator keeps no " + (at == null ? "status of " + id
                    : "status of " + id + " evaluated at " + at);
            throw new WebApplicationException(message, Response.status(Response.Status.NOT_FOUND)
                    .type(MediaType.APPLICATION_JSON).entity(new ApiError(404, message)).build());
        }
        return page;
    }

    private static WebApplicationException badRequest(String message) {
        return new WebApplicationException(message, Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON).entity(new ApiError(400, message)).build());
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
