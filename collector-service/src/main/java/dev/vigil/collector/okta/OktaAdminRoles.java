package dev.vigil.collector.okta;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Okta's administrator role assignments: {@code GET /api/v1/iam/assignees/users} names every user who holds a role
 * ({@code {"value": [{"id", "orn", "_links"}], "_links": {"next": {"href"}}}}, paged in the body, not by Link
 * header), and {@code GET /api/v1/users/{id}/roles} lists one user's roles ({@code [{"type", "label", "status",
 * "assignmentType"}]}).
 */
final class OktaAdminRoles {
    private OktaAdminRoles() {
    }

    /** The user ids of one page of the role assignees listing. */
    static Set<String> assigneeIds(JsonNode page) {
        Set<String> ids = new TreeSet<>();
        for (JsonNode assignee : page.path("value")) {
            if (assignee.hasNonNull("id")) {
                ids.add(assignee.get("id").asText());
            }
        }
        return ids;
    }

    /** The listing's next page, from its {@code _links.next.href}. */
    static Optional<String> next(JsonNode page) {
        JsonNode href = page.path("_links").path("next").path("href");
        return href.isTextual() && !href.asText().isBlank() ? Optional.of(href.asText()) : Optional.empty();
    }

    /**
     * The role types ({@code SUPER_ADMIN}, {@code HELP_DESK_ADMIN}, {@code CUSTOM}, ...) the user holds, sorted.
     * An {@code INACTIVE} assignment grants nothing, so it is left out.
     */
    static List<String> roleTypes(JsonNode roles) {
        Set<String> types = new TreeSet<>();
        for (JsonNode role : roles) {
            if (role.hasNonNull("type") && !"INACTIVE".equals(role.path("status").asText())) {
                types.add(role.get("type").asText());
            }
        }
        return List.copyOf(types);
    }
}
