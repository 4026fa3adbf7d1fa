package dev.vigil.collector.okta;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.testing.Fixtures;
import dev.vigil.common.evidence.EventCodec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Okta's role assignees listing (paged in its body) and a user's role assignments, as recorded. */
class OktaAdminRolesTest {

    @Test
    void assigneesPageNamesItsUsersAndTheNextPage() throws IOException {
        JsonNode page = json("role-assignees-page-1.json");
        assertThat(OktaAdminRoles.assigneeIds(page)).containsExactly("00ualice000demo00001", "00ubob00000demo00002");
        assertThat(OktaAdminRoles.next(page))
                .contains("{{request.baseUrl}}/okta/api/v1/iam/assignees/users?after=00ubob00000demo00002");
    }

    @Test
    void lastAssigneesPageHasNoNext() throws IOException {
        JsonNode page = json("role-assignees-page-2.json");
        assertThat(OktaAdminRoles.assigneeIds(page)).containsExactly("00ucarol000demo00003");
        assertThat(OktaAdminRoles.next(page)).isEmpty();
    }

    @Test
    void roleTypesIncludeGroupAssignmentsAndLeaveOutInactiveOnes() throws IOException {
        // bob holds READ_ONLY_ADMIN through a group: it is his role all the same
        assertThat(OktaAdminRoles.roleTypes(json("roles-bob.json"))).containsExactly("READ_ONLY_ADMIN");
        JsonNode roles = EventCodec.mapper().readTree("""
                [{"type": "SUPER_ADMIN", "label": "Super Administrator", "status": "INACTIVE"},
                 {"type": "APP_ADMIN", "label": "Application Administrator", "status": "ACTIVE"},
                 {"type": "CUSTOM", "label": "Okta workflows", "status": "ACTIVE"},
                 {"type": "APP_ADMIN", "label": "Application Administrator", "status": "ACTIVE"}]""");
        assertThat(OktaAdminRoles.roleTypes(roles)).isEqualTo(List.of("APP_ADMIN", "CUSTOM"));
    }

    private static JsonNode json(String fixture) throws IOException {
        return EventCodec.mapper().readTree(Fixtures.bytes(OktaAdminRolesTest.class, fixture));
    }
}
