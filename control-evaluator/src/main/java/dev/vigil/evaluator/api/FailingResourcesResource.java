package dev.vigil.evaluator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.access.Roles;
import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.common.evidence.AutomatedPart;
import dev.vigil.common.evidence.DocumentPart;
import dev.vigil.common.evidence.FailingResource;
import dev.vigil.common.store.JsonColumns;
import dev.vigil.evaluator.store.PublishedStatus;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;

/**
 * The complete list of failing resources of a published status, a page at a time: the status event lists only the
 * first of them (docs/evidence.md). Without {@code evaluatedAt}, the control's current status; with it, the status
 * published at that time (report-service's history and period bundles name statuses so).
 */
@Path("/api/controls/{id}/failing-resources")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "controls", description = "The complete list of failing resources of a published status")
public class FailingResourcesResource {
    static final int MAX_LIMIT = 5000;

    @Inject
    Catalogue catalogue;

    /**
     * @param reason               the whole reason (an event carries at most its first 16,384 characters)
     * @param failingResourceCount how many fail in all (what the event counted)
     * @param failingResources     those at positions [offset, offset + limit), in the evaluator's order
     * @param nextOffset           pass as {@code offset} for the next page; null on the last page
     * @param automated            what the control's rules alone said; absent for a control without rules
     * @param documents            its required documents, present, missing and expired (the whole reason); absent
     *                             for a control that requires none, and for statuses published before parts existed
     */
    public record Page(String controlId, Instant evaluatedAt, String status, String reason, int failingResourceCount,
                       int offset,
                       List<FailingResource> failingResources, Integer nextOffset,
                       @JsonInclude(JsonInclude.Include.NON_NULL) AutomatedPart automated,
                       @JsonInclude(JsonInclude.Include.NON_NULL) DocumentPart documents) {
    }

    @Operation(summary = "Every failing resource of the control's current status, or of the status published at "
            + "evaluatedAt, paged")
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.SERVICE})
    @GET
    @Transactional
    public Page page(@PathParam("id") String controlId, @QueryParam("evaluatedAt") String evaluatedAt,
                     @QueryParam("offset") @DefaultValue("0") int offset,
                     @QueryParam("limit") @DefaultValue("1000") int limit) {
        if (catalogue.control(controlId).isEmpty()) {
            throw ApiErrors.of(Response.Status.NOT_FOUND, "unknown control '" + controlId + "'");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiErrors.of(Response.Status.BAD_REQUEST, "'limit' must be between 1 and " + MAX_LIMIT);
        }
        if (offset < 0) {
            throw ApiErrors.of(Response.Status.BAD_REQUEST, "'offset' must not be negative");
        }
        Instant at = ApiErrors.instant(evaluatedAt, "evaluatedAt", null);
        if (at == null) {
            at = PublishedStatus.currentEvaluatedAt(controlId);
            if (at == null) {
                throw ApiErrors.of(Response.Status.NOT_FOUND, controlId + " has no status yet");
            }
        }
        PublishedStatus.Header status = PublishedStatus.header(controlId, at);
        if (status == null) {
            throw ApiErrors.of(Response.Status.NOT_FOUND, "no status of " + controlId + " was published at " + at);
        }
        List<FailingResource> resources = PublishedStatus.failingResources(controlId, at, offset, limit).stream()
                .map(json -> JsonColumns.read(json, FailingResource.class)).toList();
        int next = offset + resources.size();
        return new Page(controlId, status.evaluatedAt(), status.status(), status.reason(), status.failingResourceCount(),
                offset,
                resources,
                next < status.failingResourceCount() && !resources.isEmpty() ? next : null, status.automated(),
                status.documents());
    }
}
