package dev.vigil.report.generated;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.vigil.access.Roles;
import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.report.access.AuditLog;
import dev.vigil.report.errors.ApiError;
import dev.vigil.report.errors.UnknownControlException;
import dev.vigil.report.upload.EvidencePublisher;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Documents Vigil generates from collected evidence (docs/controls.md, "Generated documents"): list them, read one,
 * and generate now instead of waiting for the timer (after a collection, say). Thin: {@link DocumentGeneration}
 * does the work.
 */
@Path("/api/evidence/generated")
@Tag(name = "evidence", description = "Manual evidence: uploaded and generated documents")
@RolesAllowed({Roles.ADMIN, Roles.ENGINEER})
public class GeneratedDocumentsResource {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final DocumentGeneration generation;
    private final Catalogue catalogue;
    private final AuditLog audit;
    private final SecurityIdentity identity;

    public GeneratedDocumentsResource(DocumentGeneration generation, Catalogue catalogue, AuditLog audit,
                                      SecurityIdentity identity) {
        this.generation = generation;
        this.catalogue = catalogue;
        this.audit = audit;
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Generated documents, newest first")
    public List<GeneratedView> list(@Parameter(description = "only this control's documents, e.g. LS-14")
                                    @QueryParam("controlId") String controlId) {
        if (controlId != null && catalogue.control(controlId).isEmpty()) {
            throw new UnknownControlException(controlId);
        }
        return generation.list(controlId).stream().map(GeneratedView::of).toList();
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Run every document generator now; answers what each did (generated, unchanged or skipped "
            + "with the reason)")
    public List<DocumentGeneration.Outcome> generate() {
        List<DocumentGeneration.Outcome> outcomes = generation.generateAll();
        audit.record(identity, AuditLog.Action.DOCUMENTS_GENERATED, "/api/evidence/generated", null,
                outcomes.stream().map(o -> o.generator() + ": " + o.result()).reduce((a, b) -> a + ", " + b)
                        .orElse("no generators"));
        return outcomes;
    }

    @GET
    @Path("/{sha256}")
    @Operation(summary = "A generated document (canonical JSON), as stored in the evidence store")
    public Response file(@PathParam("sha256") String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            return error(Response.Status.BAD_REQUEST, "'" + sha256 + "' is not a lower-case hex sha256");
        }
        return generation.file(sha256)
                .map(bytes -> {
                    audit.record(identity, AuditLog.Action.DOCUMENT_DOWNLOADED, "/api/evidence/generated/" + sha256,
                            sha256, "generated document");
                    return Response.ok(bytes, MediaType.APPLICATION_JSON).build();
                })
                .orElseGet(() -> error(Response.Status.NOT_FOUND, "no generated document with sha256 " + sha256));
    }

    @ServerExceptionMapper
    public Response notPublished(EvidencePublisher.PublishFailedException e) {
        return error(Response.Status.SERVICE_UNAVAILABLE, "the document was not generated: " + e.getMessage());
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError(status.getStatusCode(), message)).build();
    }

    /** A generated document: {@code generatedBy} vigil and its generator where an upload says who uploaded it. */
    @JsonPropertyOrder({"generationId", "generatedBy", "generator", "controlId", "documentType", "effectiveDate",
            "sha256", "evidenceId", "resourceKey", "entryCount", "sourceCount", "sizeBytes", "generatedAt"})
    public record GeneratedView(String generationId, String generatedBy, String generator, String controlId,
                                String documentType, LocalDate effectiveDate, String sha256, String evidenceId,
                                String resourceKey, int entryCount, int sourceCount, long sizeBytes,
                                Instant generatedAt) {
        static GeneratedView of(GeneratedRecord r) {
            return new GeneratedView(r.generationId.toString(), GeneratedDocument.GENERATED_BY, r.generator,
                    r.controlId, r.documentType, r.effectiveDate, r.sha256, r.evidenceId, r.resourceKey, r.entryCount,
                    r.sourceCount, r.sizeBytes, r.generatedAt);
        }
    }
}
