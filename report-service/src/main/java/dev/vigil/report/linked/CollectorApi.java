package dev.vigil.report.linked;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.List;

/**
 * What report-service reads from collector-service. {@link LinkedServices} builds it on
 * {@code vigil.report.collector-url} and is the one to call: it turns every failure into a message for the page.
 */
@RegisterRestClient
@Produces(MediaType.APPLICATION_JSON)
public interface CollectorApi {
    String RUNS = "/api/collections";

    /** The recent runs of every collector-service instance, newest first. */
    @GET
    @Path(RUNS)
    List<CollectionRun> runs();
}
