package dev.vigil.report.web;

import dev.vigil.access.Roles;
import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.report.access.AuditLog;
import dev.vigil.report.policy.Acknowledgement;
import dev.vigil.report.policy.Policy;
import dev.vigil.report.policy.PolicyRefusedException;
import dev.vigil.report.policy.PolicyService;
import dev.vigil.report.policy.PolicyStanding;
import dev.vigil.report.policy.PolicyVersion;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * The policies page: each policy's current version, who approved it and when it took effect, and every active person
 * with whether they acknowledged it or by when they must; the signed-in person acknowledges the current version here
 * themself. Policies and versions are recorded through the API, which the page names.
 */
@Path("/policies")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.ADMIN, Roles.ENGINEER})
public class PoliciesPage {

    /** One person's line: acknowledged (when, how) or not yet, due by when, late or not. */
    public record PersonRow(String email, String acknowledged, LocalDate dueOn, boolean late) {
    }

    public record Section(Policy policy, String controls, PolicyVersion current, int versions, List<PersonRow> people,
                          String peopleUnavailable, boolean mine, boolean acknowledgedByMe, int acknowledgementDays) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(String catalogueVersion, List<Section> policies, String me,
                                             String problem, Instant renderedAt);
    }

    private final PolicyService policies;
    private final Catalogue catalogue;
    private final Clock clock;
    private final SecurityIdentity identity;
    private final AuditLog audit;

    public PoliciesPage(PolicyService policies, Catalogue catalogue, Clock clock, SecurityIdentity identity,
                        AuditLog audit) {
        this.policies = policies;
        this.audit = audit;
        this.catalogue = catalogue;
        this.clock = clock;
        this.identity = identity;
    }

    @GET
    @Operation(hidden = true)
    public TemplateInstance index() {
        return page(null);
    }

    @POST
    @Path("/{policyId}/acknowledge")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response acknowledge(@PathParam("policyId") String policyId) {
        try {
            PolicyService.Changed<Acknowledgement> changed = policies.acknowledge(policyId,
                    identity.getPrincipal().getName());
            if (changed.recorded()) {
                // the same entry as the API's: one acknowledgement, however it was given
                audit.record(identity, AuditLog.Action.POLICY_ACKNOWLEDGED, "/api/policies/" + policyId
                        + "/acknowledgement", null, "version " + changed.value().version() + " acknowledged by "
                        + changed.value().person());
            }
            return Response.seeOther(URI.create("/policies#policy-" + policyId)).build();
        } catch (PolicyRefusedException e) {
            return Response.status(e.status()).type(MediaType.TEXT_HTML).entity(page(e.getMessage()).render()).build();
        }
    }

    private TemplateInstance page(String problem) {
        String me = identity.getPrincipal().getName().toLowerCase(Locale.ROOT);
        LocalDate today = LocalDate.now(clock);
        List<Section> sections = policies.policies().stream()
                .map(p -> policies.standing(p.policyId()).orElseThrow())
                .map(s -> section(s, me, today))
                .toList();
        return Templates.index(catalogue.version(), sections, me, problem, clock.instant());
    }

    private static Section section(PolicyService.Standing s, String me, LocalDate today) {
        PolicyVersion current = s.current().orElse(null);
        List<PersonRow> people = s.people() == null ? null : s.people().stream()
                .map(p -> row(p, current, today)).toList();
        boolean mine = s.people() != null && s.people().stream().anyMatch(p -> p.email().equals(me));
        boolean acknowledged = current != null && s.acknowledgements().stream()
                .anyMatch(a -> a.version() == current.version() && a.person().equals(me));
        return new Section(s.policy(), String.join(", ", s.policy().controls()), current, s.versions().size(), people,
                s.peopleUnavailable(), mine, acknowledged, s.acknowledgementDays());
    }

    private static PersonRow row(PolicyStanding.PersonStanding p, PolicyVersion current, LocalDate today) {
        String acknowledged = p.acknowledgedAt() == null ? null
                : Formats.when(p.acknowledgedAt()) + (p.via() == null ? "" : " (" + p.via() + ")");
        boolean late = current != null && acknowledged == null && p.dueOn() != null && today.isAfter(p.dueOn());
        return new PersonRow(p.email(), acknowledged, p.dueOn(), late);
    }
}
