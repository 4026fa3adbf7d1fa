package dev.vigil.report.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.access.Roles;
import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.common.store.JsonColumns;
import dev.vigil.report.board.ControlFilter.InvalidFilterException;
import dev.vigil.report.errors.UnknownControlException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The alert history: every alert recorded, what was sent, and why the others were not. */
@Path("/api/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "alerts", description = "Slack alerts on control status transitions, and their delivery")
@RolesAllowed({Roles.ADMIN, Roles.ENGINEER})
public class AlertsResource {
    static final int MAX_LIMIT = 500;

    private final AlertStore store;
    private final Catalogue catalogue;
    private final Clock clock;

    public AlertsResource(AlertStore store, Catalogue catalogue, Clock clock) {
        this.store = store;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "Alerts, newest first, a page at a time")
    public AlertList list(
            @Parameter(description = "only this control's alerts, e.g. CM-11") @QueryParam("control") String control,
            @Parameter(description = "PENDING, SENT, FAILED, SUPPRESSED or UNROUTED") @QueryParam("state") String state,
            @Parameter(description = "alerts per page, 1 to 500") @QueryParam("limit") @DefaultValue("50") int limit,
            @Parameter(description = "alerts to skip") @QueryParam("offset") @DefaultValue("0") int offset) {
        String controlId = control == null || control.isBlank() ? null : control.trim();
        if (controlId != null && catalogue.control(controlId).isEmpty()) {
            throw new UnknownControlException(controlId);
        }
        if (limit < 1 || limit > MAX_LIMIT || offset < 0) {
            throw new InvalidFilterException("limit must be 1 to " + MAX_LIMIT + " and offset at least 0, got limit "
                    + limit + ", offset " + offset);
        }
        AlertStore.AlertPage page = store.list(controlId, parseState(state), limit, offset);
        return new AlertList(page.total(), limit, offset, page.rows().stream().map(AlertView::of).toList());
    }

    @GET
    @Path("/backlog")
    @Operation(summary = "The Slack delivery backlog: alerts not yet delivered, failures of the last 24 h, the last "
            + "error",
            description = "What the dashboard's Slack delivery panel shows. Alerts still held by flap-delay or the "
                    + "NOT_EVALUATED threshold, never tried, count as held, not pending. Errors name the webhook's "
                    + "route and host, never its URL. List the alerts with ?state=PENDING or ?state=FAILED.")
    public Backlog backlog() {
        return Backlog.of(store.backlog(clock.instant()));
    }

    private static AlertState parseState(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return AlertState.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidFilterException("unknown alert state '" + value.trim() + "', expected one of "
                    + Arrays.toString(AlertState.values()));
        }
    }

    /**
     * The delivery backlog ({@link DeliveryBacklog}) as the API shows it, with the oldest pending alert's age in
     * seconds.
     */
    public record Backlog(boolean allDelivered, int pending, int held, Instant oldestPendingAt,
                          long oldestPendingAgeSeconds, Instant failedSince, int failed,
                          DeliveryBacklog.LastError lastError) {
        static Backlog of(DeliveryBacklog b) {
            return new Backlog(b.allDelivered(), b.pending(), b.held(), b.oldestPendingAt(),
                    b.oldestPendingAge().toSeconds(), b.failedSince(), b.failed(), b.lastError());
        }
    }

    /** One page: {@code total} alerts match, these are {@code offset} to {@code offset + alerts.size() - 1}. */
    public record AlertList(long total, int limit, int offset, List<AlertView> alerts) {
    }

    /**
     * An alert as the API shows it.
     *
     * @param lastError for FAILED and retried alerts the last delivery error; for SUPPRESSED and UNROUTED why it
     *                  was not sent
     * @param lastAttemptAt when it was last posted; null while never tried
     * @param route     the route it was (last) posted through, by name and host
     * @param payload   the Block Kit message
     */
    public record AlertView(long id, String key, String controlId, Transition transition, AlertState state,
                            int attempts, Instant eventAt, Instant nextAttemptAt, Instant lastAttemptAt,
                            String lastError, String route, Instant createdAt, Instant sentAt, JsonNode payload) {
        static AlertView of(AlertRow r) {
            return new AlertView(r.id, r.key, r.controlId, r.transition, r.state, r.attempts, r.eventAt,
                    r.nextAttemptAt, r.lastAttemptAt, r.lastError, r.route, r.createdAt, r.sentAt,
                    JsonColumns.read(r.payload, JsonNode.class));
        }
    }
}
