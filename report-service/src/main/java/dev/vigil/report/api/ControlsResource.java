package dev.vigil.report.api;

import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.report.BoardQueries;
import dev.vigil.report.board.ControlDetail;
import dev.vigil.report.board.ControlFilter;
import dev.vigil.report.board.ControlView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "controls", description = "SOC 2 controls and their current status")
public class ControlsResource {
    private final BoardQueries queries;
    private final Catalogue catalogue;

    public ControlsResource(BoardQueries queries, Catalogue catalogue) {
        this.queries = queries;
        this.catalogue = catalogue;
    }

    @GET
    @Path("/controls")
    @Operation(summary = "Every catalogue control, in catalogue order, with its latest status")
    public List<ControlView> controls(
            @Parameter(description = "PASS, FAIL, NOT_EVALUATED or NO_EVIDENCE") @QueryParam("status") String status,
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
    @Path("/catalogue")
    @Operation(summary = "Which catalogue version this service serves")
    public CatalogueInfo catalogue() {
        return new CatalogueInfo(catalogue.version(), catalogue.controls().size());
    }

    public record CatalogueInfo(String version, int count) {
    }
}
