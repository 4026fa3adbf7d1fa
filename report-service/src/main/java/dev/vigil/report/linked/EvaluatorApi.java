package dev.vigil.report.linked;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.List;
import java.util.Map;

/**
 * What report-service reads from and asks of the control-evaluator: its risk acceptances (exceptions), scoping
 * decisions, the collected accounts access reviews are generated from and the active people policies address. {@link LinkedServices} builds it on
 * {@code vigil.report.evaluator-url} and is the one to call: it turns every failure into a message for the page. The writes answer a {@link Response}, so the evaluator's own error
 * message reaches the person who asked.
 */
@RegisterRestClient
@Produces(MediaType.APPLICATION_JSON)
public interface EvaluatorApi {
    String EXCEPTIONS = "/api/exceptions";
    String SCOPING = "/api/scoping";
    String RESOURCES = "/api/resources";
    String COVERAGE = "/api/coverage";
    String PEOPLE = "/api/people";

    /** The exceptions of one control, or of all ({@code controlId} null). */
    @GET
    @Path(EXCEPTIONS)
    List<ControlException> exceptions(@QueryParam("controlId") String controlId);

    @GET
    @Path(SCOPING)
    List<ScopingDecisionView> scopingDecisions();

    /**
     * The resources of these types in scope now, each with its current facts: what generated documents are built
     * from and access review campaigns read accounts from.
     */
    @GET
    @Path(RESOURCES)
    List<EvaluatedResource> resources(@QueryParam("type") List<String> types, @QueryParam("facts") boolean facts,
                                      @QueryParam("inScope") boolean inScope);

    @GET
    @Path(COVERAGE)
    List<CollectionCoverage> coverage();

    /** The active people of the identity providers, joined across sources (docs/policies.md). */
    @GET
    @Path(PEOPLE)
    List<ActivePerson> activePeople();

    /** Records an approved risk acceptance; answers the new exception (its {@code id}). */
    @POST
    @Path(EXCEPTIONS)
    @Consumes(MediaType.APPLICATION_JSON)
    Response recordException(Map<String, Object> exception);

    /** Records an approved scoping decision; answers the new decision (its {@code id}). */
    @POST
    @Path(SCOPING)
    @Consumes(MediaType.APPLICATION_JSON)
    Response recordScopingDecision(Map<String, Object> decision);

    @DELETE
    @Path(EXCEPTIONS + "/{id}")
    Response revokeException(@PathParam("id") String id, @QueryParam("revokedBy") String revokedBy,
                             @QueryParam("approvedBy") String approvedBy);

    /** Revokes the control's scoping decision in force. */
    @DELETE
    @Path(SCOPING + "/{controlId}")
    Response revokeScopingDecision(@PathParam("controlId") String controlId,
                                   @QueryParam("revokedBy") String revokedBy,
                                   @QueryParam("approvedBy") String approvedBy);
}
