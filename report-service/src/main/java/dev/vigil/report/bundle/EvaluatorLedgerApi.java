package dev.vigil.report.bundle;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * What a period bundle reads from the control-evaluator, page by page: evidence, the ledger's chains, checkpoints and
 * decision documents, exceptions, and the failing resources of a status. Every method answers the {@link Response}
 * as it came ({@link EvaluatorPeriodEvidence} reads it), so a 404 where the evaluator keeps nothing and any other
 * error status are told apart there, with the evaluator's own words. Times and instants travel as ISO-8601 text.
 */
@RegisterRestClient
@Produces(MediaType.APPLICATION_JSON)
public interface EvaluatorLedgerApi {
    @GET
    @Path("/api/evidence")
    Response evidence(@QueryParam("control") String controlId, @QueryParam("from") String from,
                      @QueryParam("to") String to, @QueryParam("limit") int limit, @QueryParam("after") long after);

    /** {@code evaluatedAt} null: the control's current status. */
    @GET
    @Path("/api/controls/{id}/failing-resources")
    Response failingResources(@PathParam("id") String controlId, @QueryParam("offset") int offset,
                              @QueryParam("limit") int limit, @QueryParam("evaluatedAt") String evaluatedAt);

    @GET
    @Path("/api/ledger/chains")
    Response ledgerChains(@QueryParam("from") String from);

    @GET
    @Path("/api/ledger")
    Response ledger(@QueryParam("chain") String chain, @QueryParam("from") String from, @QueryParam("to") String to,
                    @QueryParam("limit") int limit, @QueryParam("after") long after);

    @GET
    @Path("/api/ledger/checkpoints")
    Response checkpoints(@QueryParam("from") String from, @QueryParam("to") String to);

    @GET
    @Path("/api/ledger/checkpoint-key")
    Response checkpointKey();

    @GET
    @Path("/api/exceptions")
    Response exceptions();

    @GET
    @Path("/api/ledger/decisions")
    Response decisions(@QueryParam("from") String from, @QueryParam("to") String to);
}
