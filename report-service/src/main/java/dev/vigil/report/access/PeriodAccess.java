package dev.vigil.report.access;

import dev.vigil.access.Roles;
import dev.vigil.report.errors.ApiError;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.Collection;

/**
 * The rule for period-scoped reads: admins and engineers see every period; an auditor sees a period only when one
 * active grant covers all of it (two adjacent grants do not add up: each engagement is granted on its own).
 */
public final class PeriodAccess {
    private PeriodAccess() {
    }

    public static boolean allowed(SecurityIdentity who, Collection<PeriodGrant> grantsOfWho, Instant from, Instant to) {
        if (who.hasRole(Roles.ADMIN) || who.hasRole(Roles.ENGINEER)) {
            return true;
        }
        return who.hasRole(Roles.AUDITOR) && grantsOfWho.stream().anyMatch(g -> g.covers(from, to));
    }

    public static void require(SecurityIdentity who, Collection<PeriodGrant> grantsOfWho, Instant from, Instant to) {
        if (!allowed(who, grantsOfWho, from, to)) {
            String message = who.getPrincipal().getName() + " has no grant covering " + from + " to " + to
                    + "; an admin grants observation periods with POST /api/access/grants";
            throw new WebApplicationException(message, Response.status(Response.Status.FORBIDDEN)
                    .type(MediaType.APPLICATION_JSON).entity(new ApiError(403, message)).build());
        }
    }
}
