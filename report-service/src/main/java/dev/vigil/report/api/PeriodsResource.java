package dev.vigil.report.api;

import dev.vigil.access.Roles;
import dev.vigil.report.access.PeriodGuard;
import dev.vigil.report.period.Period;
import dev.vigil.report.period.PeriodOverview;
import dev.vigil.report.queries.HistoryQueries;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;

@Path("/api/periods")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "periods", description = "How every control operated over a period (SOC 2 Type II)")
@RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.AUDITOR})
public class PeriodsResource {
    private final HistoryQueries queries;
    private final Clock clock;
    private final PeriodGuard guard;

    public PeriodsResource(HistoryQueries queries, Clock clock, PeriodGuard guard) {
        this.guard = guard;
        this.queries = queries;
        this.clock = clock;
    }

    @GET
    @Path("/summary")
    @Operation(summary = "Every catalogue control over [from, to): share in PASS, exceptions, gaps, and the totals")
    public PeriodOverview summary(
            @Parameter(description = "ISO-8601 instant; default: 30 days before 'to'") @QueryParam("from") String from,
            @Parameter(description = "ISO-8601 instant, exclusive; default and latest: now") @QueryParam("to") String to) {
        Period period = Period.parse(from, to, clock.instant());
        guard.require(period);
        return queries.overview(period);
    }
}
