package dev.vigil.report.register;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.vigil.access.Roles;
import dev.vigil.common.evidence.RegisterEvidence;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The vendor, risk and incident registers (docs/registers.md): list, read with history, record an item, import and
 * export CSV. Thin: values are checked by {@link ItemValidator}, recorded and published by {@link RegisterService}.
 * Who recorded a version is the signed-in caller, never a value of the request.
 */
@Path("/api/registers/{register}")
@Tag(name = "registers", description = "Vendor, risk and incident registers, each item evidence with its history")
@RolesAllowed({Roles.ADMIN, Roles.ENGINEER})
public class RegistersResource {
    public static final String CSV = "text/csv";

    private final RegisterService registers;
    private final AuditLog audit;
    private final SecurityIdentity identity;

    public RegistersResource(RegisterService registers, AuditLog audit, SecurityIdentity identity) {
        this.registers = registers;
        this.audit = audit;
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every item of a register (vendor, risk or incident), current versions, by item id")
    public List<ItemView> list(@Parameter(description = "vendor, risk or incident") @PathParam("register") String register) {
        return registers.items(register(register)).stream().map(ItemView::of).toList();
    }

    @GET
    @Path("/items/{itemId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One register item: its current version and every earlier one, with who recorded each and when")
    public Response item(@PathParam("register") String register, @PathParam("itemId") String itemId) {
        Register r = register(register);
        return registers.history(r, itemId)
                .map(versions -> Response.ok(ItemHistoryView.of(versions)).build())
                .orElseGet(() -> error(Response.Status.NOT_FOUND, "no " + r.id() + " '" + itemId + "' in the register"));
    }

    @PUT
    @Path("/items/{itemId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record an item: a new version when anything differs (201 when new), published as evidence")
    public Response record(@PathParam("register") String register, @PathParam("itemId") String itemId,
                           Map<String, Object> body) {
        Register r = register(register);
        ValidItem item = registers.validate(r, itemId, strings(body));
        RegisterService.Recorded recorded = registers.record(item, identity.getPrincipal().getName(), "api");
        if (recorded.change() != null) {
            audit.record(identity, AuditLog.Action.REGISTER_ITEM_RECORDED, path(r, item.itemId()),
                    recorded.item().documentSha256(), r.id() + " " + item.itemId() + " " + recorded.change().column()
                            + ", version " + recorded.item().version());
        }
        return Response.status(recorded.change() == ItemChange.CREATED ? Response.Status.CREATED : Response.Status.OK)
                .entity(ItemView.of(recorded.item())).build();
    }

    @GET
    @Path("/csv")
    @Produces(CSV)
    @Operation(summary = "The register as CSV, one row per item with every field, for auditors and spreadsheets")
    public Response export(@PathParam("register") String register) {
        Register r = register(register);
        return Response.ok(registers.exportCsv(r), CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + r.id() + "-register.csv\"").build();
    }

    @POST
    @Path("/csv")
    @Consumes(CSV)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import items from CSV (header row, itemId first): all rows or none; unchanged rows record nothing")
    public ImportView importCsv(@PathParam("register") String register, String csv) {
        Register r = register(register);
        RegisterService.Imported imported = registers.importCsv(r, csv == null ? "" : csv,
                identity.getPrincipal().getName());
        audit.record(identity, AuditLog.Action.REGISTER_IMPORTED, "/api/registers/" + r.id() + "/csv", null,
                imported.rows() + " row(s), " + imported.changed() + " changed");
        return new ImportView(imported.rows(), imported.changed(),
                imported.items().stream().map(i -> ItemView.of(i.item())).toList());
    }

    @ServerExceptionMapper
    public Response invalid(InvalidItemException e) {
        return error(Response.Status.BAD_REQUEST, e.getMessage());
    }

    @ServerExceptionMapper
    public Response unknown(UnknownRegisterException e) {
        return error(Response.Status.NOT_FOUND, e.getMessage());
    }

    @ServerExceptionMapper
    public Response notPublished(EvidencePublisher.PublishFailedException e) {
        return error(Response.Status.SERVICE_UNAVAILABLE, "the register item was not recorded: " + e.getMessage());
    }

    static class UnknownRegisterException extends RuntimeException {
        UnknownRegisterException(String id) {
            super("unknown register '" + id + "'; the registers are vendor, risk and incident");
        }
    }

    private static Register register(String id) {
        return Register.byId(id).orElseThrow(() -> new UnknownRegisterException(id));
    }

    private static String path(Register r, String itemId) {
        return "/api/registers/" + r.id() + "/items/" + itemId;
    }

    /** JSON numbers and booleans are taken as they would be typed in a CSV cell. */
    private static Map<String, String> strings(Map<String, Object> body) {
        if (body == null) {
            throw new InvalidItemException(List.of("the body must be a JSON object of the item's fields"));
        }
        Map<String, String> values = new LinkedHashMap<>();
        body.forEach((k, v) -> values.put(k, v == null ? null : v.toString()));
        return values;
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError(status.getStatusCode(), message)).build();
    }

    @JsonPropertyOrder({"register", "itemId", "version", "retired", "fields", "changedBy", "changedAt",
            "documentSha256", "resourceKey"})
    public record ItemView(String register, String itemId, int version, boolean retired, Map<String, Object> fields,
                           String changedBy, Instant changedAt, String documentSha256, String resourceKey) {
        static ItemView of(RegisterEvidence.Item i) {
            return new ItemView(i.register(), i.itemId(), i.version(), i.retired(), i.fields(), i.changedBy(),
                    i.changedAt(), i.documentSha256(), RegisterEvidence.resourceKey(i.register(), i.itemId()));
        }
    }

    @JsonPropertyOrder({"change", "via", "version", "retired", "fields", "changedBy", "changedAt", "documentSha256"})
    public record VersionView(String change, String via, int version, boolean retired, Map<String, Object> fields,
                              String changedBy, Instant changedAt, String documentSha256) {
    }

    public record ItemHistoryView(ItemView current, List<VersionView> history) {
        static ItemHistoryView of(List<RegisterStore.Version> versions) {
            return new ItemHistoryView(ItemView.of(versions.get(versions.size() - 1).item()), versions.stream()
                    .map(v -> new VersionView(v.change(), v.via(), v.item().version(), v.item().retired(),
                            v.item().fields(), v.item().changedBy(), v.item().changedAt(),
                            v.item().documentSha256()))
                    .toList());
        }
    }

    public record ImportView(int rows, int changed, List<ItemView> items) {
    }
}
