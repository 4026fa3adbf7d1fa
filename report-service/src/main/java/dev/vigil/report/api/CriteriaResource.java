package dev.vigil.report.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.vigil.access.Roles;
import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.common.catalogue.Criterion;
import dev.vigil.common.evidence.ControlStatus;
import dev.vigil.report.board.ControlFilter;
import dev.vigil.report.board.ControlView;
import dev.vigil.report.errors.ApiError;
import dev.vigil.report.queries.BoardQueries;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Trust Services Criteria as an auditor walks them: each criterion with the controls that support it, why,
 * and how each control stands now. The mapping is catalogue data (catalogue/criteria.json); statuses come from
 * the same projection as /api/controls, so both always agree.
 */
@Path("/api/criteria")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "criteria", description = "Trust Services Criteria and the controls that support them")
@RolesAllowed({Roles.ADMIN, Roles.ENGINEER})
public class CriteriaResource {
    private final BoardQueries queries;
    private final Catalogue catalogue;

    public CriteriaResource(BoardQueries queries, Catalogue catalogue) {
        this.queries = queries;
        this.catalogue = catalogue;
    }

    @GET
    @Operation(summary = "Every criterion, in framework order, with its supporting controls and their current status")
    public List<CriterionView> criteria() {
        return views(catalogue.criteria(), catalogue, statuses());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One criterion, e.g. CC6.1, with its supporting controls and their current status")
    public CriterionView criterion(@PathParam("id") String id) {
        Criterion criterion = catalogue.criterion(id).orElseThrow(() -> new NotFoundException(
                Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON)
                        .entity(new ApiError(404, "unknown criterion '" + id + "'")).build()));
        return views(List.of(criterion), catalogue, statuses()).get(0);
    }

    private Map<String, ControlStatus> statuses() {
        return queries.controls(ControlFilter.ALL).stream()
                .collect(Collectors.toMap(ControlView::id, ControlView::status));
    }

    /** A control missing from {@code statuses} has never been reported on: NO_EVIDENCE, as on the board. */
    static List<CriterionView> views(Collection<Criterion> criteria, Catalogue catalogue,
                                     Map<String, ControlStatus> statuses) {
        Function<String, String> title = id -> catalogue.control(id).orElseThrow().title();
        return criteria.stream()
                .map(c -> new CriterionView(c.id(), c.series(), c.title(), c.description(), c.controls().stream()
                        .map(s -> new SupportingControlView(s.control(), title.apply(s.control()),
                                statuses.getOrDefault(s.control(), ControlStatus.NO_EVIDENCE), s.justification()))
                        .toList()))
                .toList();
    }

    @JsonPropertyOrder({"id", "series", "title", "description", "controls"})
    public record CriterionView(String id, String series, String title, String description,
                                List<SupportingControlView> controls) {
    }

    @JsonPropertyOrder({"id", "title", "status", "justification"})
    public record SupportingControlView(String id, String title, ControlStatus status, String justification) {
    }
}
