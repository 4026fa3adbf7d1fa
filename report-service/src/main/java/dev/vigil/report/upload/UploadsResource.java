package dev.vigil.report.upload;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.vigil.access.Roles;
import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.report.access.AuditLog;
import dev.vigil.report.errors.ApiError;
import dev.vigil.report.errors.UnknownControlException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
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
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Manual evidence: people upload the documents that evidence manual controls (an access review, a signed DPA),
 * and each becomes an evidence event on Kafka like anything a collector observed. Thin: the rules are in
 * {@link UploadValidator}, the work in {@link UploadService}.
 */
@Path("/api/evidence/uploads")
@Tag(name = "uploads", description = "Documents that evidence manual controls")
@RolesAllowed({Roles.ADMIN, Roles.ENGINEER})
public class UploadsResource {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final UploadService uploads;
    private final Catalogue catalogue;
    private final AuditLog audit;
    private final SecurityIdentity identity;

    public UploadsResource(UploadService uploads, Catalogue catalogue, AuditLog audit, SecurityIdentity identity) {
        this.audit = audit;
        this.identity = identity;
        this.uploads = uploads;
        this.catalogue = catalogue;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload a document that evidences a manual control; it is stored by sha256 and published as evidence")
    public Response upload(@RestForm("file") FileUpload file,
                           @RestForm("controlId") String controlId,
                           @RestForm("documentType") String documentType,
                           @RestForm("effectiveDate") String effectiveDate,
                           @RestForm("approver") String approver,
                           @RestForm("uploadedBy") String uploadedBy) {
        ValidUpload upload = uploads.validate(new UploadForm(controlId, documentType, effectiveDate, approver,
                uploadedBy, file == null ? null : file.fileName(), file == null ? null : file.contentType(),
                file == null ? -1 : file.size()));
        UploadRecord row = uploads.accept(upload, read(file));
        audit.record(identity, AuditLog.Action.EVIDENCE_UPLOADED, "/api/evidence/uploads/" + row.sha256, row.sha256,
                upload.controlId() + " " + upload.documentType() + " (" + file.fileName() + ")");
        return Response.created(URI.create("/api/evidence/uploads/" + row.sha256))
                .entity(UploadView.of(row))
                .build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Uploaded documents, newest first")
    public List<UploadView> list(@Parameter(description = "only this control's uploads, e.g. CM-01")
                                 @QueryParam("controlId") String controlId) {
        if (controlId != null && catalogue.control(controlId).isEmpty()) {
            throw new UnknownControlException(controlId);
        }
        return uploads.list(controlId).stream().map(UploadView::of).toList();
    }

    @GET
    @Path("/{sha256}")
    @Operation(summary = "The uploaded file with these bytes, as it was uploaded")
    public Response file(@PathParam("sha256") String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            return error(Response.Status.BAD_REQUEST, "'" + sha256 + "' is not a lower-case hex sha256");
        }
        return uploads.file(sha256)
                .map(f -> {
                    audit.record(identity, AuditLog.Action.DOCUMENT_DOWNLOADED, "/api/evidence/uploads/" + sha256,
                            sha256, f.fileName());
                    return f;
                })
                .map(f -> Response.ok(f.bytes(), f.mediaType())
                        // Uploaded bytes are not ours: never let a browser render them as part of this site.
                        .header("Content-Disposition", "attachment; filename*=UTF-8''"
                                + URLEncoder.encode(f.fileName(), StandardCharsets.UTF_8).replace("+", "%20"))
                        .header("X-Content-Type-Options", "nosniff")
                        .build())
                .orElseGet(() -> error(Response.Status.NOT_FOUND, "no uploaded file with sha256 " + sha256));
    }

    @ServerExceptionMapper
    public Response invalid(InvalidUploadException e) {
        return error(e.tooLarge() ? Response.Status.REQUEST_ENTITY_TOO_LARGE : Response.Status.BAD_REQUEST,
                e.getMessage());
    }

    @ServerExceptionMapper
    public Response notPublished(EvidencePublisher.PublishFailedException e) {
        return error(Response.Status.SERVICE_UNAVAILABLE, "the upload was not accepted: " + e.getMessage());
    }

    private static byte[] read(FileUpload file) {
        try {
            return Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded file " + file.uploadedFile(), e);
        }
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError(status.getStatusCode(), message)).build();
    }

    @JsonPropertyOrder({"uploadId", "evidenceId", "resourceKey", "sha256", "sizeBytes", "controlId", "documentType",
            "effectiveDate", "approver", "uploadedBy", "fileName", "mediaType", "uploadedAt"})
    public record UploadView(String uploadId, String evidenceId, String resourceKey, String sha256, long sizeBytes,
                             String controlId, String documentType, LocalDate effectiveDate, String approver,
                             String uploadedBy, String fileName, String mediaType, Instant uploadedAt) {
        static UploadView of(UploadRecord r) {
            return new UploadView(r.uploadId.toString(), r.evidenceId, r.resourceKey, r.sha256, r.sizeBytes,
                    r.controlId, r.documentType, r.effectiveDate, r.approver, r.uploadedBy, r.fileName, r.mediaType,
                    r.uploadedAt);
        }
    }
}
