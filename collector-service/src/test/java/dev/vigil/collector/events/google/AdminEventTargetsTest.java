package dev.vigil.collector.events.google;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.collector.spi.Target;
import dev.vigil.collector.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admin audit activities as the Reports API pushes them (fixtures beside this class, in the shape of its activity
 * resource, with event names and parameters from its "Admin Audit Activity Events" pages) and the users they name.
 */
class AdminEventTargetsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static Target user(String email) {
        return new Target("google-workspace-users", "user", email);
    }

    static AdminEventTargets.Mapped map(String fixture) throws IOException {
        return AdminEventTargets.of(JSON.readTree(Fixtures.bytes(AdminEventTargetsTest.class, fixture)));
    }

    @Test
    void aSuspendedUserIsReadAgain() throws IOException {
        AdminEventTargets.Mapped mapped = map("SUSPEND_USER.json");
        assertThat(mapped.targets()).containsExactly(user("ivan.petrov@acme-demo.com"));
        assertThat(mapped.eventType()).isEqualTo("admin.SUSPEND_USER");
    }

    @Test
    void twoStepVerificationTurnedOffReadsThatUserByLowerCaseAddress() throws IOException {
        assertThat(map("TURN_OFF_2_STEP_VERIFICATION.json").targets())
                .containsExactly(user("jules.martin@acme-demo.com"));
    }

    @Test
    void aRoleAssignedReadsTheUserItWasAssignedTo() throws IOException {
        assertThat(map("ASSIGN_ROLE.json").targets()).containsExactly(user("ivan.petrov@acme-demo.com"));
    }

    @Test
    void aRenamedUserIsReadByItsNewAddress() throws IOException {
        assertThat(map("RENAME_USER.json").targets()).containsExactly(user("jules.martin@acme-demo.com"));
    }

    @Test
    void aDeletedUserIsIgnoredForTheFullRunToRetire() throws IOException {
        AdminEventTargets.Mapped mapped = map("DELETE_USER.json");
        assertThat(mapped.targets()).isEmpty();
        assertThat(mapped.eventType()).isEqualTo("admin.DELETE_USER");
        assertThat(mapped.ignoredBecause()).contains("deleted user cannot be read");
    }

    @Test
    void anEventOfNoUsersFactsIsIgnored() throws IOException {
        AdminEventTargets.Mapped mapped = map("CHANGE_APPLICATION_SETTING.json");
        assertThat(mapped.targets()).isEmpty();
        assertThat(mapped.ignoredBecause()).isEqualTo("no event Vigil reads anything again for");
    }
}
