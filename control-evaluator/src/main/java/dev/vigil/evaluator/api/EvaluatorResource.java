package dev.vigil.evaluator.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.access.Roles;
import dev.vigil.common.evidence.Provenance;
import dev.vigil.common.evidence.RunFailure;
import dev.vigil.common.store.JsonColumns;
import dev.vigil.evaluator.domain.Verdict;
import dev.vigil.evaluator.store.Coverage;
import dev.vigil.evaluator.store.CurrentFacts;
import dev.vigil.evaluator.store.ResourceState;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the evaluator knows, for operators: resources with their verdicts, and collection coverage. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "resources", description = "Resources the evaluator judged, with their verdicts, and collection coverage")
public class EvaluatorResource {

    /** @param facts the current evidence's facts, only when asked for ({@code facts=true}); else null */
    public record ResourceDto(String resourceKey, String resourceType, String source, boolean inScope,
                              String evidenceId, Instant observedAt, String runId, Provenance provenance,
                              Map<String, Verdict> verdicts, JsonNode facts) {
    }

    @Inject
    CurrentFacts currentFacts;

    public record CoverageDto(String source, String resourceType, String runId, String runState,
                              Instant finishedAt, long expectedCount, boolean scopeSettled, List<RunFailure> gaps) {
    }

    @Operation(summary = "Resources with each rule's verdict, optionally of some resource types (repeat 'type'), only "
            + "those in scope (inScope=true), and with their current facts (facts=true: report-service's generated "
            + "documents and access review campaigns are built from them)")
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.SERVICE})
    @GET
    @Path("/resources")
    @Transactional
    public List<ResourceDto> resources(@QueryParam("type") List<String> types, @QueryParam("facts") boolean withFacts,
                                       @QueryParam("inScope") boolean inScopeOnly) {
        List<ResourceState> states = types == null || types.isEmpty()
                ? ResourceState.listAll(io.quarkus.panache.common.Sort.by("resourceKey"))
                : ResourceState.list("resourceType in ?1 order by resourceKey", types);
        if (inScopeOnly) {
            states = states.stream().filter(s -> s.inScope).toList();
        }
        Map<String, JsonNode> facts = withFacts
                ? currentFacts.of(states.stream().map(s -> s.evidenceId).toList()) : Map.of();
        return states.stream().map(s -> new ResourceDto(s.resourceKey, s.resourceType, s.source, s.inScope,
                s.evidenceId, s.observedAt, s.runId, JsonColumns.read(s.provenance, Provenance.class),
                JsonColumns.read(s.verdicts, new TypeReference<Map<String, Verdict>>() {
                }), facts.get(s.evidenceId))).toList();
    }

    @Operation(summary = "Collection coverage per source and resource type: the last run's state and its gaps")
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.SERVICE})
    @GET
    @Path("/coverage")
    public List<CoverageDto> coverage() {
        return Coverage.<Coverage>listAll(io.quarkus.panache.common.Sort.by("coverageKey")).stream()
                .map(c -> new CoverageDto(c.source, c.resourceType, c.runId, c.runState, c.finishedAt,
                        c.expectedCount, c.scopeSettled, JsonColumns.read(c.gaps, new TypeReference<List<RunFailure>>() {
                })))
                .toList();
    }
}
