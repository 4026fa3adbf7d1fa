package dev.vigil.collector.github;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** A team's access to a repository, named as the repository's team listing names it. */
class TeamRepositoriesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String permission(String booleans) throws IOException {
        return TeamRepositories.permission(JSON.readTree(booleans));
    }

    @Test
    void theHighestPermissionTheBooleansGrantInTheTeamListingsWords() throws IOException {
        assertThat(permission("{\"admin\":true,\"maintain\":true,\"push\":true,\"triage\":true,\"pull\":true}"))
                .isEqualTo("admin");
        assertThat(permission("{\"admin\":false,\"maintain\":true,\"push\":true,\"triage\":true,\"pull\":true}"))
                .isEqualTo("maintain");
        assertThat(permission("{\"admin\":false,\"maintain\":false,\"push\":true,\"triage\":true,\"pull\":true}"))
                .isEqualTo("push");
        assertThat(permission("{\"admin\":false,\"maintain\":false,\"push\":false,\"triage\":true,\"pull\":true}"))
                .isEqualTo("triage");
        assertThat(permission("{\"admin\":false,\"maintain\":false,\"push\":false,\"triage\":false,\"pull\":true}"))
                .isEqualTo("pull");
        // no booleans: unknown, never the lowest
        assertThat(permission("{}")).isNull();
    }
}
