package dev.vigil.report.web;

import dev.vigil.access.Roles;
import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.report.access.GrantStore;
import dev.vigil.report.access.PeriodGrant;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The observation periods the signed-in user may download bundles for: an auditor's landing page (the live
 * dashboard is not theirs to see), and the bundle form for everyone else.
 */
@Path("/periods")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.AUDITOR})
public class PeriodsPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(String catalogueVersion, String user, boolean team,
                                             List<PeriodGrant> grants, Instant renderedAt);
    }

    private final SecurityIdentity identity;
    private final GrantStore grants;
    private final Catalogue catalogue;
    private final Clock clock;

    public PeriodsPage(SecurityIdentity identity, GrantStore grants, Catalogue catalogue, Clock clock) {
        this.identity = identity;
        this.grants = grants;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    @GET
    @Operation(hidden = true)
    public TemplateInstance index() {
        String user = identity.getPrincipal().getName();
        boolean team = identity.hasRole(Roles.ADMIN) || identity.hasRole(Roles.ENGINEER);
        return Templates.index(catalogue.version(), user, team,
                grants.grants(user).stream().filter(PeriodGrant::active).toList(), clock.instant());
    }
}
