package dev.vigil.report.web;

import dev.vigil.access.Roles;
import dev.vigil.common.evidence.ControlStatus;
import dev.vigil.report.projection.StatusChanged;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.time.Duration;
import java.time.Instant;

/**
 * Server-sent events for the dashboard: {@code connected} at once (so the page knows the stream works and stops
 * polling), {@code status} for each control whose latest status changed, and a {@code heartbeat} every 20 seconds
 * so idle connections are neither cut by proxies nor kept for clients that left.
 */
@Path("/api/events/status")
@RolesAllowed({Roles.ADMIN, Roles.ENGINEER})
public class StatusEventsResource {
    static final Duration HEARTBEAT = Duration.ofSeconds(20);

    /** One event; {@code controlId}, {@code status} and {@code evaluatedAt} only for {@code kind = status}. */
    public record LiveEvent(String kind, String controlId, ControlStatus status, Instant evaluatedAt) {
        static LiveEvent of(StatusChanged c) {
            return new LiveEvent("status", c.controlId(), c.status(), c.evaluatedAt());
        }
    }

    private final LiveStatus live;

    public StatusEventsResource(LiveStatus live) {
        this.live = live;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER})
    @Operation(summary = "Control status changes as they are projected (text/event-stream, one JSON object each)")
    public Multi<LiveEvent> changes() {
        return Multi.createBy().merging().streams(
                Multi.createFrom().item(new LiveEvent("connected", null, null, null)),
                live.changes().map(LiveEvent::of),
                Multi.createFrom().ticks().every(HEARTBEAT).map(t -> new LiveEvent("heartbeat", null, null, null)));
    }
}
