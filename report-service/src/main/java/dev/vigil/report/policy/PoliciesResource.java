package dev.vigil.report.policy;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.vigil.access.Roles;
import dev.vigil.report.access.AuditLog;
import dev.vigil.report.errors.ApiError;
import dev.vigil.report.upload.EvidencePublisher;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Policies (docs/policies.md): record a policy and its versions, the owner approves a version, people acknowledge
 * the current one themselves or an HR export is imported as CSV. Thin: values are checked by
 * {@link PolicyValidator}, recorded and published by {@link PolicyService}. Who did anything is the signed-in caller,
 * never a value of the request.
 */
@Path("/api/policies")
@Tag(name = "policies", description = "Policies approved by their owner and acknowledged by every active person")
@RolesAllowed({Roles.ADMIN, Roles.ENGINEER})
public class PoliciesResource {
    public static final String CSV = "text/csv";

    private final PolicyService policies;
    private final AuditLog audit;
    private final SecurityIdentity identity;

    public PoliciesResource(PolicyService policies, AuditLog audit, SecurityIdentity identity) {
        this.policies = policies;
        this.audit = audit;
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every policy as it stands, by id")
    public List<PolicyView> list() {
        return policies.policies().stream().map(PolicyView::of).toList();
    }

    @GET
    @Path("/{policyId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One policy: its revisions, versions with their approval, the current version, and every"
            + " active person with the day their window ends and when they acknowledged it")
    public Response policy(@PathParam("policyId") String policyId) {
        return policies.standing(policyId).map(s -> Response.ok(StandingView.of(s)).build())
                .orElseGet(() -> error(404, "no policy '" + policyId + "'"));
    }

    @PUT
    @Path("/{policyId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a policy (title, owner, controls it backs): 201 when new, 200 otherwise; published")
    public Response record(@PathParam("policyId") String policyId, Map<String, Object> body) {
        PolicyValidator.ValidPolicy valid = policies.validate(policyId, body);
        PolicyService.Changed<Policy> changed = policies.record(valid, name());
        if (changed.recorded()) {
            audit.record(identity, AuditLog.Action.POLICY_RECORDED, path(policyId), null, "revision "
                    + changed.value().revision() + ": owner " + changed.value().owner() + ", controls "
                    + String.join(", ", changed.value().controls()));
        }
        return Response.status(changed.recorded() && changed.value().revision() == 1 ? 201 : 200)
                .entity(PolicyView.of(changed.value())).build();
    }

    @POST
    @Path("/{policyId}/versions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a new version from its text or an uploaded document's sha256, with its effective"
            + " date: 201, not yet approved")
    public Response version(@PathParam("policyId") String policyId, Map<String, Object> body) {
        PolicyVersion v = policies.recordVersion(policyId, policies.validateVersion(body), name());
        audit.record(identity, AuditLog.Action.POLICY_VERSION_RECORDED, path(policyId) + "/versions/" + v.version(),
                v.documentSha256(), "version " + v.version() + ", effective " + v.effectiveDate());
        return Response.status(201).entity(VersionView.of(v)).build();
    }

    @GET
    @Path("/{policyId}/versions/{version}/document")
    @Produces({MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @Operation(summary = "A version's document as stored in the evidence store")
    public Response document(@PathParam("policyId") String policyId, @PathParam("version") int version) {
        return policies.standing(policyId).flatMap(s -> s.versions().stream().filter(v -> v.version() == version)
                        .findFirst())
                .flatMap(v -> policies.document(v.documentSha256()))
                .map(bytes -> Response.ok(bytes, MediaType.TEXT_PLAIN + "; charset=UTF-8").build())
                .orElseGet(() -> error(404, "no document for policy '" + policyId + "' version " + version));
    }

    @POST
    @Path("/{policyId}/versions/{version}/approval")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The policy's owner approves a version: the latest approved version is the current one")
    public Response approve(@PathParam("policyId") String policyId, @PathParam("version") int version) {
        PolicyService.Changed<PolicyVersion> changed = policies.approve(policyId, version, name());
        if (changed.recorded()) {
            audit.record(identity, AuditLog.Action.POLICY_VERSION_APPROVED, path(policyId) + "/versions/" + version,
                    changed.value().documentSha256(), "version " + version + " approved");
        }
        return Response.ok(VersionView.of(changed.value())).build();
    }

    @POST
    @Path("/{policyId}/acknowledgement")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The signed-in person acknowledges the current version: 201, or 200 when they already had")
    public Response acknowledge(@PathParam("policyId") String policyId) {
        PolicyService.Changed<Acknowledgement> changed = policies.acknowledge(policyId, name());
        if (changed.recorded()) {
            audit.record(identity, AuditLog.Action.POLICY_ACKNOWLEDGED, path(policyId) + "/acknowledgement", null,
                    "version " + changed.value().version() + " acknowledged by " + changed.value().person());
        }
        return Response.status(changed.recorded() ? 201 : 200).entity(AckView.of(changed.value())).build();
    }

    @GET
    @Path("/acknowledgements/csv")
    @Produces(CSV)
    @Operation(summary = "Every acknowledgement as CSV, with how each was recorded")
    public Response export() {
        return Response.ok(policies.exportCsv(), CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"policy-acknowledgements.csv\"").build();
    }

    @POST
    @Path("/acknowledgements/csv")
    @Consumes(CSV)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import acknowledgements (policyId, person, acknowledgedAt, optional version) from an HR or"
            + " learning system's export: all rows or none")
    public PolicyService.Imported importCsv(String csv) {
        PolicyService.Imported imported = policies.importCsv(csv == null ? "" : csv, name());
        audit.record(identity, AuditLog.Action.POLICY_ACKNOWLEDGEMENTS_IMPORTED, "/api/policies/acknowledgements/csv",
                null, imported.rows() + " row(s), " + imported.recorded() + " recorded");
        return imported;
    }

    @ServerExceptionMapper
    public Response invalid(InvalidPolicyException e) {
        return error(400, e.getMessage());
    }

    @ServerExceptionMapper
    public Response refused(PolicyRefusedException e) {
        return error(e.status(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response notPublished(EvidencePublisher.PublishFailedException e) {
        return error(503, "nothing was recorded: the evidence was not published: " + e.getMessage());
    }

    private String name() {
        return identity.getPrincipal().getName();
    }

    private static String path(String policyId) {
        return "/api/policies/" + policyId;
    }

    private static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ApiError(status, message)).build();
    }

    @JsonPropertyOrder({"policyId", "revision", "title", "owner", "controls", "changedBy", "changedAt"})
    public record PolicyView(String policyId, int revision, String title, String owner, List<String> controls,
                             String changedBy, Instant changedAt) {
        static PolicyView of(Policy p) {
            return new PolicyView(p.policyId(), p.revision(), p.title(), p.owner(), p.controls(), p.changedBy(),
                    p.changedAt());
        }
    }

    public record VersionView(int version, String documentSha256, LocalDate effectiveDate, String recordedBy,
                              Instant recordedAt, String approvedBy, Instant approvedAt) {
        static VersionView of(PolicyVersion v) {
            return new VersionView(v.version(), v.documentSha256(), v.effectiveDate(), v.recordedBy(), v.recordedAt(),
                    v.approvedBy(), v.approvedAt());
        }
    }

    public record AckView(String person, int version, Instant acknowledgedAt, String via, String recordedBy,
                          Instant recordedAt) {
        static AckView of(Acknowledgement a) {
            return new AckView(a.person(), a.version(), a.acknowledgedAt(), a.via(), a.recordedBy(), a.recordedAt());
        }
    }

    /** The people as of now; {@code people} null (and {@code peopleUnavailable} why) when they could not be read. */
    public record StandingView(PolicyView policy, List<PolicyView> revisions, List<VersionView> versions,
                               Integer currentVersion, int acknowledgementDays,
                               List<PolicyStanding.PersonStanding> people, String peopleUnavailable,
                               List<AckView> acknowledgements) {
        static StandingView of(PolicyService.Standing s) {
            return new StandingView(PolicyView.of(s.policy()), s.revisions().stream().map(PolicyView::of).toList(),
                    s.versions().stream().map(VersionView::of).toList(),
                    s.current().map(PolicyVersion::version).orElse(null), s.acknowledgementDays(), s.people(),
                    s.people() == null ? s.peopleUnavailable() : null,
                    s.acknowledgements().stream().map(AckView::of).toList());
        }
    }
}
