package dev.vigil.report.web;

import dev.vigil.access.Roles;
import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.common.evidence.RegisterEvidence;
import dev.vigil.report.register.Register;
import dev.vigil.report.register.RegisterService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The registers page: each register's items as they stand, with their version and who recorded it, and the CSV
 * export. Read-only: items are recorded through the API (or CSV import), which the page names.
 */
@Path("/registers")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.ADMIN, Roles.ENGINEER})
public class RegistersPage {

    public record Row(String itemId, List<String> values, int version, String changedBy, Instant changedAt,
                      boolean retired) {
    }

    public record Section(String id, List<String> fields, List<Row> rows) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(String catalogueVersion, List<Section> registers, Instant renderedAt);
    }

    private final RegisterService registers;
    private final Catalogue catalogue;
    private final Clock clock;

    public RegistersPage(RegisterService registers, Catalogue catalogue, Clock clock) {
        this.registers = registers;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    @GET
    @Operation(hidden = true)
    public TemplateInstance index() {
        List<Section> sections = Arrays.stream(Register.values()).map(this::section).toList();
        return Templates.index(catalogue.version(), sections, clock.instant());
    }

    private Section section(Register register) {
        List<String> fields = register.fields().stream().map(Register.Field::name).toList();
        List<Row> rows = registers.items(register).stream().map(i -> row(i, fields)).toList();
        return new Section(register.id(), fields, rows);
    }

    private static Row row(RegisterEvidence.Item item, List<String> fields) {
        return new Row(item.itemId(), fields.stream().map(f -> Objects.toString(item.fields().get(f), "")).toList(),
                item.version(), item.changedBy(), item.changedAt(), item.retired());
    }
}
