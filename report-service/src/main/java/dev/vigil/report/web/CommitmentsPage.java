package dev.vigil.report.web;

import dev.vigil.access.Roles;
import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.report.commitments.CommitmentAssessment;
import dev.vigil.report.commitments.CommitmentStatus;
import dev.vigil.report.queries.CommitmentQueries;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** The commitments dashboard page; it shows exactly what /api/commitments serves. */
@Path("/commitments")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.ADMIN, Roles.ENGINEER})
public class CommitmentsPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(String catalogueVersion, String registryVersion, List<Count> counts,
                                             List<CommitmentAssessment> commitments, Instant renderedAt);
    }

    /** How many commitments are in one status; every status is listed, zero included. */
    public record Count(CommitmentStatus status, long count) {
    }

    private final CommitmentQueries queries;
    private final Catalogue catalogue;
    private final Clock clock;

    public CommitmentsPage(CommitmentQueries queries, Catalogue catalogue, Clock clock) {
        this.queries = queries;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    @GET
    @Operation(hidden = true)
    public TemplateInstance index() {
        List<CommitmentAssessment> commitments = queries.commitments();
        List<Count> counts = Arrays.stream(CommitmentStatus.values())
                .map(s -> new Count(s, commitments.stream().filter(c -> c.status() == s).count()))
                .toList();
        return Templates.index(catalogue.version(), queries.registryVersion(), counts, commitments, clock.instant());
    }
}
