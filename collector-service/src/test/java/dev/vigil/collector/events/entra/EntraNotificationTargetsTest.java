package dev.vigil.collector.events.entra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.collector.spi.Target;
import dev.vigil.collector.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Microsoft Graph change notifications for users (fixtures beside this class, in the shape of Graph's
 * changeNotificationCollection for {@code resource: users}) and the users they name for {@code entra-id-users}.
 */
class EntraNotificationTargetsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String TENANT = "9e1f6c2a-7d4b-4c8e-a1f0-5a6b7c8d9e0f";
    static final Target ERIK = user("7b2d4e6f-2222-4c3d-8e9f-1a2b3c4d5e6f");
    static final Target DANA = user("3f6a1c2e-1111-4a5b-9c8d-0e1f2a3b4c5d");

    static Target user(String id) {
        return new Target("entra-id-users", "user", id);
    }

    static EntraNotificationTargets.Mapped map(String fixture) throws IOException {
        JsonNode value = JSON.readTree(Fixtures.bytes(EntraNotificationTargetsTest.class, fixture)).path("value");
        return EntraNotificationTargets.of(value, TENANT);
    }

    @Test
    void anUpdatedUserIsReadAgain() throws IOException {
        EntraNotificationTargets.Mapped mapped = map("user-updated.json");
        assertThat(mapped.targets()).containsExactly(ERIK);
        assertThat(mapped.eventType()).isEqualTo("users.updated");
        assertThat(mapped.ignoredBecause()).isNull();
    }

    @Test
    void aDeletedUserIsIgnoredForTheFullRunToRetire() throws IOException {
        EntraNotificationTargets.Mapped mapped = map("user-deleted.json");
        assertThat(mapped.targets()).isEmpty();
        assertThat(mapped.eventType()).isEqualTo("users.deleted");
        assertThat(mapped.ignoredBecause()).contains("deleted user cannot be read");
    }

    @Test
    void severalNotificationsReadEachUpdatedUserOnce() throws IOException {
        EntraNotificationTargets.Mapped mapped = map("several.json");
        assertThat(mapped.targets()).containsExactly(ERIK, DANA);
        assertThat(mapped.eventType()).isEqualTo("users.updated,users.deleted");
    }

    @Test
    void anotherTenantsNotificationReadsNothing() throws IOException {
        EntraNotificationTargets.Mapped mapped = map("other-tenant.json");
        assertThat(mapped.targets()).isEmpty();
        assertThat(mapped.ignoredBecause()).contains("is not the one Vigil reads");
    }

    @Test
    void lifecycleNotificationsNameNoUser() throws IOException {
        EntraNotificationTargets.Mapped mapped = map("lifecycle-missed.json");
        assertThat(mapped.targets()).isEmpty();
        assertThat(mapped.eventType()).isEmpty();
    }

    @Test
    void theUserIdIsAGuidFromResourceDataOrTheResourcePath() throws IOException {
        assertThat(EntraNotificationTargets.userId(JSON.readTree(
                "{\"resource\":\"Users/7B2D4E6F-2222-4C3D-8E9F-1A2B3C4D5E6F\"}"))).isEqualTo(
                "7B2D4E6F-2222-4C3D-8E9F-1A2B3C4D5E6F");
        assertThat(EntraNotificationTargets.userId(JSON.readTree("{\"resource\":\"Users/../../groups\"}"))).isNull();
        assertThat(EntraNotificationTargets.userId(JSON.readTree(
                "{\"resource\":\"Groups/7b2d4e6f-2222-4c3d-8e9f-1a2b3c4d5e6f\"}"))).isNull();
    }
}
