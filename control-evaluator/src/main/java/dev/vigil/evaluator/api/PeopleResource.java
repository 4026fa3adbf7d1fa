package dev.vigil.evaluator.api;

import dev.vigil.access.Roles;
import dev.vigil.evaluator.identity.ActivePeople;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The active people the identity providers list, joined across sources: whom report-service's policies address. */
@Path("/api/people")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "resources", description = "Resources the evaluator judged, with their verdicts, and collection coverage")
public class PeopleResource {
    private final ActivePeople people;

    public PeopleResource(ActivePeople people) {
        this.people = people;
    }

    @Operation(summary = "Active people (identity.person, not left), by address, with when Vigil first saw each")
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.SERVICE})
    @GET
    @Transactional
    public List<ActivePeople.Person> active() {
        return people.list();
    }
}
