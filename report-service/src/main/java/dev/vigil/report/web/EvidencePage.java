package dev.vigil.report.web;

import dev.vigil.access.Roles;
import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.common.catalogue.ControlDefinition;
import dev.vigil.report.generated.DocumentGeneration;
import dev.vigil.report.generated.GeneratedRecord;
import dev.vigil.report.upload.UploadRecord;
import dev.vigil.report.upload.UploadService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The manual evidence page: a form that posts to {@code POST /api/evidence/uploads} (the API validates; this page
 * only offers the controls and document types the catalogue lists), the latest uploads and the latest documents
 * Vigil generated.
 */
@Path("/evidence")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.ADMIN, Roles.ENGINEER})
public class EvidencePage {
    static final int RECENT = 20;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(String catalogueVersion, List<ControlDefinition> controls,
                                             String selected, LocalDate today, List<UploadRecord> uploads,
                                             List<GeneratedRecord> generated, Instant renderedAt);
    }

    private final UploadService uploads;
    private final DocumentGeneration generation;
    private final Catalogue catalogue;
    private final Clock clock;

    public EvidencePage(UploadService uploads, DocumentGeneration generation, Catalogue catalogue, Clock clock) {
        this.uploads = uploads;
        this.generation = generation;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    @GET
    @Operation(hidden = true)
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER})
    public TemplateInstance index(@QueryParam("controlId") String controlId) {
        List<ControlDefinition> documented = catalogue.controls().stream()
                .filter(ControlDefinition::evidencedByDocuments)
                .toList();
        String selected = documented.stream().map(ControlDefinition::id).filter(id -> id.equals(controlId))
                .findFirst().orElse(null);
        List<UploadRecord> recent = uploads.list(null).stream().limit(RECENT).toList();
        return Templates.index(catalogue.version(), documented, selected,
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), recent,
                generation.list(null).stream().limit(RECENT).toList(), clock.instant());
    }
}
