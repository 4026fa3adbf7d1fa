package dev.vigil.collector.api;

import dev.vigil.access.Roles;
import dev.vigil.collector.run.CollectionIntervals;
import dev.vigil.collector.run.CollectionRunner;
import dev.vigil.collector.run.RunHistory;
import dev.vigil.collector.run.RunSummary;
import dev.vigil.collector.spi.Collector;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.util.List;

@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class CollectionsResource {
    /** A collector as declared: what it reads and which read-only permissions it needs. */
    public record CollectorInfo(String name, String version, String provider, String source, boolean enabled,
                                String every, List<String> resourceTypes, List<String> permissions) {
    }

    public record Started(List<CollectionRunner.StartedRun> runs) {
    }

    private final CollectionRunner runner;
    private final RunHistory history;
    private final CollectionIntervals intervals;

    public CollectionsResource(CollectionRunner runner, RunHistory history, CollectionIntervals intervals) {
        this.runner = runner;
        this.history = history;
        this.intervals = intervals;
    }

    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.SERVICE})
    @POST
    @Path("/collections")
    @Operation(summary = "Start a collection run of every enabled collector, or of one; answers at once (202). "
            + "A collector already running, on this or another instance, is listed with alreadyRunning and heldBy; "
            + "asked for alone, it answers 409")
    public Response start(@Parameter(description = "collector name, e.g. okta-user-mfa")
                          @QueryParam("collector") String name) {
        List<CollectionRunner.StartedRun> runs;
        try {
            if (name == null || name.isBlank()) {
                runs = runner.startAll();
            } else {
                Collector collector = runner.find(name).filter(Collector::enabled)
                        .orElseThrow(() -> new NotFoundException("no enabled collector named " + name));
                CollectionRunner.StartedRun run = runner.start(collector);
                if (run.alreadyRunning()) {
                    return Response.status(Response.Status.CONFLICT).entity(new Started(List.of(run))).build();
                }
                runs = List.of(run);
            }
        } catch (IllegalStateException e) { // the leases live in PostgreSQL
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).entity(e.getMessage())
                    .type(MediaType.TEXT_PLAIN).build();
        }
        return Response.accepted(new Started(runs)).build();
    }

    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.SERVICE})
    @GET
    @Path("/collections")
    @Operation(summary = "Recent collection runs of every instance, newest first")
    public List<RunSummary> runs() {
        return history.newestFirst();
    }

    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.SERVICE})
    @GET
    @Path("/collectors")
    @Operation(summary = "The collectors, their resource types and the permissions they need")
    public List<CollectorInfo> collectors() {
        return runner.all().stream().map(c -> new CollectorInfo(c.name(), c.version(), c.provider(),
                c.source().uri(), c.enabled(), intervals.of(c).toString(), c.resourceTypes(), c.permissions())).toList();
    }
}
