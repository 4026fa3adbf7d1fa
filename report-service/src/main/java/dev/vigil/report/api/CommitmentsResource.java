package dev.vigil.report.api;

import dev.vigil.access.Roles;
import dev.vigil.report.commitments.CommitmentAssessment;
import dev.vigil.report.queries.CommitmentQueries;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/commitments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "commitments", description = "Service commitments and whether their controls show they are kept")
@RolesAllowed({Roles.ADMIN, Roles.ENGINEER})
public class CommitmentsResource {
    private final CommitmentQueries queries;

    public CommitmentsResource(CommitmentQueries queries) {
        this.queries = queries;
    }

    @GET
    @Operation(summary = "Every commitment, in registry order: BACKED, AT_RISK or UNBACKED, why, and its controls")
    public List<CommitmentAssessment> commitments() {
        return queries.commitments();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One commitment with its status, the reason, and its controls' current status")
    public CommitmentAssessment commitment(@PathParam("id") String id) {
        return queries.commitment(id).orElseThrow(() -> new UnknownCommitmentException(id));
    }
}
