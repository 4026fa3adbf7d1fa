package dev.vigil.report.access;

import dev.vigil.access.Roles;
import dev.vigil.report.period.Period;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/** Applies {@link PeriodAccess} to the caller of the current request. */
@RequestScoped
public class PeriodGuard {
    private final SecurityIdentity identity;
    private final GrantStore grants;

    public PeriodGuard(SecurityIdentity identity, GrantStore grants) {
        this.identity = identity;
        this.grants = grants;
    }

    /** Admins and engineers pass at once; an auditor needs a grant covering the whole period (else 403). */
    public void require(Period period) {
        boolean team = identity.hasRole(Roles.ADMIN) || identity.hasRole(Roles.ENGINEER);
        PeriodAccess.require(identity, team ? java.util.List.of() : grants.grants(identity.getPrincipal().getName()),
                period.from(), period.to());
    }
}
