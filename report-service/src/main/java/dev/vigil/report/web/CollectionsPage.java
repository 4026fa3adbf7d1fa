package dev.vigil.report.web;

import dev.vigil.access.Roles;
import dev.vigil.common.catalogue.Catalogue;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Clock;
import java.time.Instant;

/** Collection runs as collector-service reports them: in progress, last success per source, and errors. */
@Path("/collections")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.ADMIN, Roles.ENGINEER})
public class CollectionsPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(String catalogueVersion, DashboardQueries.Collections collections,
                                             Instant renderedAt);
    }

    private final DashboardQueries queries;
    private final Catalogue catalogue;
    private final Clock clock;

    public CollectionsPage(DashboardQueries queries, Catalogue catalogue, Clock clock) {
        this.queries = queries;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    @GET
    @Blocking
    @Operation(hidden = true)
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER})
    public TemplateInstance index() {
        return Templates.index(catalogue.version(), queries.collections(), clock.instant());
    }
}
